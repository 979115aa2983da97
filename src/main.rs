//! The `unknot` binary: parses the command line and hands off to the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand};
use unknot::background::Ended;
use unknot::cli::{self, CheckInArgs, Table, UsageError};
use unknot::domain::clock::{Clock, SystemClock};
use unknot::identity::APP_ID;
use unknot::preferences::{WindowPosition, WindowSize};
use unknot::presence::{AppAction, Target};
use unknot::store::{InstanceLock, LockError, Store};
use unknot::ui::{Probe, ProbeConfig, RefusedApp, UnknotApp};

#[derive(Parser)]
#[command(
    name = "unknot",
    version,
    about = "Look after an aching upper back over weeks"
)]
struct Args {
    /// Folder holding Unknot's data (default: the platform's data folder).
    /// Without this option, the environment variable UNKNOT_DATA_DIR is used
    /// if it is set and not empty.
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Open the window on a screen or pass a request to the Unknot already
    /// running: check-in, stretch, routines, pause-hour, pause-today, resume.
    #[arg(long, value_enum, value_name = "ACTION")]
    action: Option<AppAction>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Record today's (or an earlier day's) pain rating.
    Checkin {
        /// Pain from 0 (none) to 10 (worst imaginable).
        #[arg(long, allow_negative_numbers = true)]
        pain: i64,
        /// Stress from 0 to 10.
        #[arg(long, allow_negative_numbers = true)]
        stress: Option<i64>,
        /// A short note.
        #[arg(long)]
        note: Option<String>,
        /// The day it is for, YYYY-MM-DD (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Write your history as CSV files a spreadsheet can open.
    Export {
        /// Folder to write the CSV files into, one per kind of record.
        #[arg(long, value_name = "DIR", required_unless_present_any = ["stdout", "table"])]
        out: Option<PathBuf>,
        /// Only this table, written to standard output (add `-`).
        #[arg(long, value_enum, conflicts_with = "out")]
        table: Option<Table>,
        /// `-` writes the chosen table to standard output.
        #[arg(value_name = "-", value_parser = ["-"], requires = "table", conflicts_with = "out")]
        stdout: Option<String>,
        /// Replace the CSV files an earlier export left in the --out folder.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Add records from CSV files made by `export` (all rows are checked first).
    Import {
        /// Folder holding the CSV files of an export (any of them).
        dir: PathBuf,
    },
    /// Make a checked backup of the database now.
    Backup,
    /// Replace the database with a backup; the current file is kept beside it.
    Restore {
        /// The backup file (for example one in the data folder's backups/).
        file: PathBuf,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Keep reminding without a window: notifications, a tray icon, and the
    /// window on request. One runs per data folder.
    Background {
        /// Stop the background process for this data folder.
        #[arg(long)]
        quit: bool,
    },
    /// Try something for 7, 14 or 28 days and see whether pain changes.
    Experiment {
        #[command(subcommand)]
        command: ExperimentCommand,
    },
    /// Log a flare-up, a moment of worse pain; the day's check-in stays as it is.
    Flare {
        /// Pain from 0 (none) to 10 (worst imaginable).
        #[arg(long, allow_negative_numbers = true)]
        pain: i64,
        /// What set it off.
        #[arg(long)]
        note: Option<String>,
        /// What you did about it, or what helped.
        #[arg(long)]
        helped: Option<String>,
        /// When it happened (default now).
        #[arg(long, value_name = "YYYY-MM-DD HH:MM")]
        at: Option<String>,
    },
    /// Mark days off: streaks and weekly targets hold, reminders keep quiet.
    Away {
        /// The first day off.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// The last day off.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        /// sick, holiday or other (default other).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Write a one-page visit summary (PDF) for a physiotherapist or doctor.
    Report(cli::ReportArgs),
    /// Fill an empty store with made-up history, to try the charts.
    DemoData {
        /// How many days of history, ending today.
        #[arg(long, default_value_t = 120)]
        days: u32,
        /// Add to a store that already has records (what is there is kept).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum ExperimentCommand {
    /// Start trying something from today (or an earlier day).
    Start {
        /// A short name, for example "Chin tucks every hour".
        name: String,
        /// exercise, workstation, heat, sleep or other (default other).
        #[arg(long)]
        kind: Option<String>,
        /// The first day, YYYY-MM-DD (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// How long to try it: 7, 14 or 28 days (default 14).
        #[arg(long)]
        days: Option<u32>,
    },
    /// Stop the experiment of that name that runs now.
    Stop {
        name: String,
        /// Its last day, YYYY-MM-DD (default today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Every experiment with what the check-ins say about it.
    List {
        /// Print JSON: names, dates, check-ins on each side, means,
        /// medians, the difference and its interval.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    // Health data: whatever Unknot or SQLite creates is for this user only.
    unknot::store::private::set_private_umask();
    let started = Instant::now();
    let args = Args::parse();
    let data_dir = match unknot::identity::data_dir(args.data_dir) {
        Ok(dir) => dir,
        Err(e) => return fail(&e.into()),
    };
    match args.command {
        None => run_window(data_dir, args.action, started),
        Some(Command::Background { quit: true }) => match unknot::background::quit(&data_dir) {
            Ok(true) => {
                println!("Unknot's background reminders are stopping.");
                ExitCode::SUCCESS
            }
            Ok(false) => {
                println!("Unknot is not running in the background for this data folder.");
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e.into()),
        },
        Some(Command::Background { quit: false }) => {
            refresh_autostart();
            match unknot::background::run(&data_dir, Arc::new(SystemClock)) {
                Ok(Ended::AlreadyRunning) => {
                    println!("Unknot is already running in the background for this data folder.");
                    ExitCode::SUCCESS
                }
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => fail(&e.into()),
            }
        }
        Some(Command::Checkin {
            pain,
            stress,
            note,
            date,
        }) => {
            let args = CheckInArgs {
                pain,
                stress,
                note,
                date,
            };
            report(cli::checkin(&data_dir, &args, &SystemClock))
        }
        Some(Command::Export {
            out,
            table,
            stdout,
            force,
        }) => match (out, table) {
            (Some(out), _) => report(cli::export(&data_dir, &out, force)),
            // Said in full rather than by clap's usage line, which would
            // also ask for --out.
            (None, Some(table)) if stdout.is_none() => fail(
                &UsageError(format!(
                    "--table writes to standard output: add `-`, as in \
                     `unknot export --table {} -`, or give --out DIR for every table",
                    table.name()
                ))
                .into(),
            ),
            (None, Some(table)) => {
                let stdout = std::io::stdout().lock();
                match cli::export_table(&data_dir, table, stdout) {
                    // The reader stopped early (`| head`): it has what it wanted.
                    Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
                    result => report(result.map(|()| String::new())),
                }
            }
            (None, None) => fail(&UsageError("give --out DIR or --table NAME -".to_owned()).into()),
        },
        Some(Command::Experiment { command }) => report(match command {
            ExperimentCommand::Start {
                name,
                kind,
                date,
                days,
            } => cli::experiment_start(
                &data_dir,
                &cli::StartArgs {
                    name,
                    kind,
                    date,
                    days,
                },
                &SystemClock,
            ),
            ExperimentCommand::Stop { name, date } => {
                cli::experiment_stop(&data_dir, &name, date.as_deref(), &SystemClock)
            }
            ExperimentCommand::List { json } => cli::experiment_list(&data_dir, json, &SystemClock),
        }),
        Some(Command::Flare {
            pain,
            note,
            helped,
            at,
        }) => report(cli::flare(
            &data_dir,
            &cli::FlareArgs {
                pain,
                note,
                helped,
                at,
            },
            &SystemClock,
        )),
        Some(Command::Away { from, to, reason }) => report(cli::away(
            &data_dir,
            &from,
            &to,
            reason.as_deref(),
            &SystemClock,
        )),
        Some(Command::Import { dir }) => report(cli::import(&data_dir, &dir, &SystemClock)),
        Some(Command::Backup) => report(cli::backup(&data_dir, &SystemClock)),
        Some(Command::Restore { file, yes }) => {
            report(cli::restore(&data_dir, &file, &SystemClock, |question| {
                yes || ask(question)
            }))
        }
        Some(Command::Report(args)) => report(cli::report(&data_dir, &args, &SystemClock)),
        Some(Command::DemoData { days, force }) => {
            match cli::demo_data(&data_dir, days, force, &SystemClock) {
                Ok(line) => {
                    println!("{line}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
    }
}

/// Whether `e` comes from writing to a pipe whose reader has gone away.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<unknot::csv_files::ExportError>()
            .is_some_and(unknot::csv_files::ExportError::is_broken_pipe)
            || cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints a command's result: its text on success, the error otherwise.
fn report(result: anyhow::Result<String>) -> ExitCode {
    match result {
        Ok(text) => {
            if !text.is_empty() {
                println!("{text}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// Asks a yes/no question on the terminal; anything but "y" or "yes" is no.
fn ask(question: &str) -> bool {
    use std::io::Write;
    print!("{question} [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

/// Prints the error chain; usage mistakes exit with 2, everything else with 1.
fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("unknot: {e:#}");
    if e.downcast_ref::<UsageError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

/// Opens the window. `started` is when `main` began, for the start-up
/// measurement that `UNKNOT_EXIT_AFTER_FIRST_FRAME` turns on (see `ui::probe`).
fn run_window(data_dir: PathBuf, action: Option<AppAction>, started: Instant) -> ExitCode {
    let _lock = match InstanceLock::acquire(&data_dir) {
        Ok(lock) => lock,
        // The window that is open comes forward (and does what was asked).
        Err(e @ LockError::AlreadyRunning { .. }) => {
            return match unknot::presence::send(&data_dir, Target::App, action) {
                Ok(()) => {
                    println!("Unknot is already open; its window was asked to come forward.");
                    ExitCode::SUCCESS
                }
                Err(reach) => {
                    eprintln!("unknot: {e} ({reach})");
                    ExitCode::from(3)
                }
            };
        }
        Err(e) => return fail(&e.into()),
    };
    refresh_autostart();
    let store = match Store::open(&data_dir) {
        Ok(store) => store,
        Err(e) if e.is_refusal() => return run_refused_window(&e, data_dir),
        Err(e) => return fail(&e.into()),
    };
    for warning in store.warnings() {
        eprintln!("unknot: warning: {warning}");
    }
    // A missed backup must not keep the window from opening; say so in the
    // window (where a person started from the menu will see it) and go on.
    let backup_notice = store.daily_backup(SystemClock.today()).err().map(|e| {
        eprintln!("unknot: today's backup could not be made: {e}");
        format!("Today's backup could not be made: {e}")
    });
    // As the window was left; an unreadable value is at its default, and
    // the window itself says so on standard error as it reads them again.
    let saved = store.preferences().map(|(p, _)| p).unwrap_or_default();
    let size = saved.window_size.unwrap_or(WindowSize::DEFAULT);
    let window_dir = data_dir.clone();
    let result = eframe::run_native(
        "Unknot",
        window_options(size, WindowSize::MIN, saved.window_position),
        Box::new(move |cc| {
            let mut app = UnknotApp::new(&cc.egui_ctx, store, Arc::new(SystemClock))
                .following_the_desktop_theme(&cc.egui_ctx)
                .with_presence(&cc.egui_ctx, &window_dir)
                .with_first_action(action);
            if let Some(notice) = backup_notice {
                app = app.with_safekeeping_notice(notice);
            }
            // A signal wakes the window, which saves what is safe and closes.
            let ctx = cc.egui_ctx.clone();
            match unknot::shutdown::listen(move || ctx.request_repaint()) {
                Ok(request) => app = app.with_shutdown_request(request),
                Err(e) => eprintln!(
                    "unknot: warning: a stop signal will end Unknot without saving first: {e}"
                ),
            }
            let probe = ProbeConfig::from_env();
            if probe.is_off() {
                Ok(Box::new(app))
            } else {
                Ok(Box::new(Probe::new(app, probe, started)))
            }
        }),
    );
    match result {
        Ok(()) => {
            keep_reminding(&data_dir);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("unknot: could not open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Brings an autostart entry an earlier version wrote (which opened the
/// window) up to date: it now starts `unknot background`.
fn refresh_autostart() {
    if let Some(dir) = unknot::autostart::config_dir() {
        unknot::autostart::refresh(&dir);
    }
}

/// After the window closes: starts the background process, unless one runs
/// or "Keep reminding me when the window is closed" is off. It takes over
/// the reminders once this process has ended.
fn keep_reminding(data_dir: &std::path::Path) {
    let wanted = Store::open_read_only(data_dir)
        .and_then(|store| store.preferences())
        .is_ok_and(|(p, _)| p.keep_reminding == unknot::preferences::KeepReminding::On);
    if wanted
        && !unknot::presence::background_running(data_dir)
        && let Err(e) = unknot::background::start(data_dir)
    {
        eprintln!(
            "unknot: reminders stop with the window: the background process did not start: {e}"
        );
    }
}

/// Shows why the data cannot be opened, with the ways out, in a small window.
fn run_refused_window(reason: &unknot::store::StoreError, data_dir: PathBuf) -> ExitCode {
    eprintln!("unknot: {reason}");
    let reason = reason.to_string();
    let result = eframe::run_native(
        "Unknot",
        window_options(
            WindowSize::new(640.0, 520.0),
            WindowSize::new(480.0, 360.0),
            None,
        ),
        Box::new(move |cc| {
            Ok(Box::new(RefusedApp::new(
                &cc.egui_ctx,
                reason,
                data_dir,
                Arc::new(SystemClock),
            )))
        }),
    );
    match result {
        // The data was not opened: a script starting Unknot should know.
        Ok(()) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("unknot: could not open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Unknot's window: its title, app id and icon, at `size` and no smaller
/// than `min_size`, at `position` if given (a desktop that places windows
/// itself, as Wayland's do, ignores it).
fn window_options(
    size: WindowSize,
    min_size: WindowSize,
    position: Option<WindowPosition>,
) -> eframe::NativeOptions {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Unknot")
        .with_app_id(APP_ID)
        .with_inner_size(size.to_array())
        .with_min_inner_size(min_size.to_array());
    if let Some(position) = position {
        viewport = viewport.with_position(position.to_array());
    }
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon-256.png")) {
        viewport = viewport.with_icon(Arc::new(icon));
    }
    eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    }
}
