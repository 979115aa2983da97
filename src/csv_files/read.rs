//! Reading the three tables back, checking every row before returning any.

use std::collections::HashMap;
use std::fs::{self, File};
use std::hash::Hash;
use std::io;
use std::path::Path;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::{
    CHECKIN_COLUMNS, CHECKINS_FILE, CHECKLIST_COLUMNS, CHECKLIST_FILE, ImportError, ImportErrors,
    ImportSet, SESSION_COLUMNS, SESSIONS_FILE, cell_to_text,
};
use crate::domain::checklist::{Answer, ChecklistAnswer};
use crate::domain::dates::check_record_date;
use crate::domain::pain::{Area, CheckIn, Rating, RedFlags, check_note};
use crate::domain::session::{Session, SessionExercise, SessionKind, check_session_date};

/// Where a record sits: physical line where it starts, and spreadsheet row.
#[derive(Debug, Clone, Copy)]
struct Loc {
    line: u64,
    row: u64,
}

fn error_at(file: &str, loc: Loc, column: Option<&'static str>, message: String) -> ImportError {
    ImportError {
        file: file.to_owned(),
        line: Some(loc.line),
        row: Some(loc.row),
        column,
        message,
    }
}

/// The cells of one data row, handed out left to right; a cell that does not
/// parse is recorded as an error against its column and yields `None`.
struct RowReader<'a> {
    file: &'a str,
    loc: Loc,
    columns: &'static [&'static str],
    cells: Vec<&'a str>,
    next: usize,
    errors: &'a mut Vec<ImportError>,
}

impl RowReader<'_> {
    fn next<V>(&mut self, parse: impl FnOnce(&str) -> Result<V, String>) -> Option<V> {
        let index = self.next;
        self.next += 1;
        let cell = self.cells.get(index).copied().unwrap_or_default();
        match parse(cell) {
            Ok(value) => Some(value),
            Err(message) => {
                let column = self.columns.get(index).copied();
                let error = error_at(self.file, self.loc, column, message);
                self.errors.push(error);
                None
            }
        }
    }
}

/// Rows that parsed, with where they came from, and every problem found.
struct Table<T> {
    records: Vec<(Loc, T)>,
    errors: Vec<ImportError>,
}

impl<T> Table<T> {
    /// Refuses a record whose `key` an earlier row already has, as the store
    /// keeps only one of them. `what` says what the earlier line holds.
    fn refuse_duplicates<K: Eq + Hash>(
        &mut self,
        file: &str,
        column: &'static str,
        key: impl Fn(&T) -> K,
        what: impl Fn(&T) -> String,
        keep: &str,
    ) {
        let mut first_line: HashMap<K, u64> = HashMap::new();
        for (loc, record) in &self.records {
            if let Some(first) = first_line.get(&key(record)) {
                let message = format!(
                    "line {first} already has {}; keep only {keep}",
                    what(record)
                );
                self.errors
                    .push(error_at(file, *loc, Some(column), message));
            } else {
                first_line.insert(key(record), loc.line);
            }
        }
    }

    fn finish(mut self) -> Result<Vec<T>, ImportErrors> {
        if self.errors.is_empty() {
            Ok(self.records.into_iter().map(|(_, record)| record).collect())
        } else {
            self.errors.sort_by_key(|e| e.line);
            Err(ImportErrors {
                errors: self.errors,
            })
        }
    }
}

fn csv_problem(file: &str, error: &csv::Error) -> ImportError {
    ImportError {
        file: file.to_owned(),
        line: error.position().map(csv::Position::line),
        row: None,
        column: None,
        message: match error.kind() {
            csv::ErrorKind::Io(e) => format!("could not read the file: {e}"),
            _ => format!("could not read the file as CSV: {error}"),
        },
    }
}

/// `None` when the header row is exactly `columns` (a UTF-8 byte-order mark
/// in front is tolerated).
fn check_header(
    record: &csv::ByteRecord,
    file: &str,
    columns: &'static [&'static str],
) -> Option<ImportError> {
    let found: Vec<&[u8]> = record
        .iter()
        .enumerate()
        .map(|(i, cell)| match cell.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) if i == 0 => rest,
            _ => cell,
        })
        .collect();
    let first_difference = (0..found.len().max(columns.len()))
        .find(|&i| found.get(i).copied() != columns.get(i).map(|c| c.as_bytes()))?;
    let found_text: Vec<String> = found
        .iter()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    Some(ImportError {
        file: file.to_owned(),
        line: Some(1),
        row: Some(1),
        column: columns.get(first_difference).copied(),
        message: format!(
            "the header row should be \"{}\" but is \"{}\"; is this the right file?",
            columns.join(","),
            found_text.join(",")
        ),
    })
}

/// Counts physical lines: where a record starts, as a text editor shows it.
struct LineCounter<'a> {
    data: &'a [u8],
    offset: usize,
    line: u64,
}

impl LineCounter<'_> {
    /// The line of the first byte at or after `from` that is not a line break
    /// (the reader may stop before a record's terminator or a blank line).
    fn line_of(&mut self, from: u64) -> u64 {
        let from = usize::try_from(from)
            .unwrap_or(usize::MAX)
            .min(self.data.len());
        let start = self.data[from..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(self.data.len(), |skip| from + skip);
        if start >= self.offset {
            let newlines = self.data[self.offset..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += u64::try_from(newlines).unwrap_or(u64::MAX);
            self.offset = start;
        }
        self.line
    }
}

/// Where a cell that opens a quote and never closes it starts, in the one
/// record at the start of `bytes` (line breaks in front are skipped): the
/// byte offset of its opening `"` and the cell's 0-based index. The CSV
/// reader takes such a cell to run to the end of the file, so only the last
/// record of a file can hold one.
///
/// RFC 4180 quoting: a cell that starts with `"` is quoted; inside it `""` is
/// a quote mark and a single `"` closes it. Anything after the closing quote,
/// up to the next comma or line break, still belongs to the cell.
fn unclosed_quote(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut i = bytes
        .iter()
        .position(|b| !matches!(b, b'\r' | b'\n'))
        .unwrap_or(bytes.len());
    let mut cell = 0;
    let mut cell_start = true;
    while let Some(&b) = bytes.get(i) {
        if cell_start && b == b'"' {
            let opened = i;
            i += 1;
            loop {
                match bytes.get(i) {
                    None => return Some((opened, cell)),
                    Some(b'"') if bytes.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            cell_start = false;
            continue;
        }
        match b {
            b',' => {
                cell += 1;
                cell_start = true;
            }
            b'\r' | b'\n' => return None,
            _ => cell_start = false,
        }
        i += 1;
    }
    None
}

/// The error for a record that reached the end of the file: `Some` when the
/// record starting at byte `from` holds a quote that is never closed.
fn unclosed_quote_error(
    file: &str,
    data: &[u8],
    from: usize,
    lines: &mut LineCounter<'_>,
    row: u64,
    columns: &'static [&'static str],
) -> Option<ImportError> {
    let rest = data.get(from..)?;
    let (offset, cell) = unclosed_quote(rest)?;
    let line = lines.line_of(u64::try_from(from + offset).unwrap_or(u64::MAX));
    Some(error_at(
        file,
        Loc { line, row },
        columns.get(cell).copied(),
        "this cell opens a quote that is never closed, so the rest of the file would be read \
         into it; add the closing \" or remove the opening one"
            .to_owned(),
    ))
}

/// Reads a whole table: header check, then every row through `parse`.
fn read_table<R: io::Read, T>(
    mut r: R,
    file: &'static str,
    columns: &'static [&'static str],
    mut parse: impl FnMut(&mut RowReader<'_>) -> Option<T>,
) -> Table<T> {
    let mut table = Table {
        records: Vec::new(),
        errors: Vec::new(),
    };
    let mut data = Vec::new();
    if let Err(e) = r.read_to_end(&mut data) {
        table.errors.push(csv_problem(file, &e.into()));
        return table;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data.as_slice());
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter {
        data: &data,
        offset: 0,
        line: 1,
    };
    let ends_file = |reader: &csv::Reader<&[u8]>| {
        usize::try_from(reader.position().byte()).map_or(true, |end| end >= data.len())
    };
    let header_problem = match reader.read_byte_record(&mut record) {
        Ok(true) if ends_file(&reader) => {
            unclosed_quote_error(file, &data, 0, &mut lines, 1, columns)
                .or_else(|| check_header(&record, file, columns))
        }
        Ok(true) => check_header(&record, file, columns),
        Ok(false) => Some(ImportError {
            file: file.to_owned(),
            line: Some(1),
            row: Some(1),
            column: None,
            message: format!(
                "the file is empty; it should start with the header row \"{}\"",
                columns.join(",")
            ),
        }),
        Err(e) => Some(csv_problem(file, &e)),
    };
    if let Some(problem) = header_problem {
        table.errors.push(problem);
        return table;
    }

    let mut row = 1;
    loop {
        let from = reader.position().byte();
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                table.errors.push(csv_problem(file, &e));
                break;
            }
        }
        row += 1;
        let loc = Loc {
            line: lines.line_of(from),
            row,
        };
        if ends_file(&reader) {
            let start = usize::try_from(from).unwrap_or(usize::MAX);
            let problem = unclosed_quote_error(file, &data, start, &mut lines, row, columns);
            if let Some(problem) = problem {
                // What the cell swallowed is not worth checking cell by cell.
                table.errors.push(problem);
                break;
            }
        }
        // Spreadsheets sometimes save rows with nothing in them; they hold no record.
        if record.iter().all(<[u8]>::is_empty) {
            continue;
        }
        if record.len() != columns.len() {
            let cells = match record.len() {
                1 => "1 cell".to_owned(),
                n => format!("{n} cells"),
            };
            let message = format!("this row has {cells} but the header has {}", columns.len());
            table.errors.push(error_at(file, loc, None, message));
            continue;
        }
        let mut cells = Vec::with_capacity(columns.len());
        for (index, bytes) in record.iter().enumerate() {
            match std::str::from_utf8(bytes) {
                Ok(text) => cells.push(text),
                Err(_) => table.errors.push(error_at(
                    file,
                    loc,
                    columns.get(index).copied(),
                    "this cell is not UTF-8 text; save the file as UTF-8 and try again".to_owned(),
                )),
            }
        }
        if cells.len() != columns.len() {
            continue;
        }
        let mut row_reader = RowReader {
            file,
            loc,
            columns,
            cells,
            next: 0,
            errors: &mut table.errors,
        };
        if let Some(value) = parse(&mut row_reader) {
            table.records.push((loc, value));
        }
    }
    table
}

fn date(cell: &str) -> Result<NaiveDate, String> {
    match NaiveDate::parse_from_str(cell, "%Y-%m-%d") {
        Ok(date) if cell.len() == 10 => Ok(date),
        _ if cell.is_empty() => Err("a date is required, written as YYYY-MM-DD".to_owned()),
        _ => Err(format!("\"{cell}\" is not a date written as YYYY-MM-DD")),
    }
}

/// A date a record may have: from 1900 to `today`.
fn record_date(cell: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = date(cell)?;
    check_record_date(date, today).map_err(|e| e.to_string())?;
    Ok(date)
}

fn instant(cell: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(cell)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| format!("\"{cell}\" is not a date and time written like 2024-03-01T08:30:00Z"))
}

fn rating(cell: &str, what: &'static str) -> Result<Rating, String> {
    Rating::parse(cell, what).map_err(|e| e.to_string())
}

fn optional_rating(cell: &str, what: &'static str) -> Result<Option<Rating>, String> {
    if cell.is_empty() {
        Ok(None)
    } else {
        rating(cell, what).map(Some)
    }
}

fn flag(cell: &str) -> Result<bool, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "1" | "yes" => Ok(true),
        "0" | "no" => Ok(false),
        _ => Err(format!("expected 1 (yes) or 0 (no), not \"{cell}\"")),
    }
}

fn text(cell: &str) -> Result<String, String> {
    Ok(cell_to_text(cell).to_owned())
}

fn optional_text(cell: &str) -> Result<Option<String>, String> {
    Ok((!cell.is_empty()).then(|| cell_to_text(cell).to_owned()))
}

fn note(cell: &str) -> Result<String, String> {
    let note = cell_to_text(cell);
    check_note(note).map_err(|e| e.to_string())?;
    Ok(note.to_owned())
}

fn known_codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> String {
    all.iter().map(|&v| code(v)).collect::<Vec<_>>().join(", ")
}

fn areas(cell: &str) -> Result<Vec<Area>, String> {
    Area::split(cell_to_text(cell)).map_err(|e| {
        format!(
            "{e}; known areas are {}",
            known_codes(&Area::ALL, Area::code)
        )
    })
}

fn kind(cell: &str) -> Result<SessionKind, String> {
    SessionKind::from_code(cell_to_text(cell)).map_err(|e| {
        let known = known_codes(&SessionKind::ALL, SessionKind::code);
        format!("{e}; known kinds are {known}")
    })
}

fn answer(cell: &str) -> Result<Answer, String> {
    Answer::from_code(cell_to_text(cell)).map_err(|e| {
        let known = known_codes(&Answer::ALL, Answer::code);
        format!("{e}; known answers are {known}")
    })
}

fn item(cell: &str) -> Result<String, String> {
    let item = cell_to_text(cell);
    if item.is_empty() {
        return Err("the checklist item is missing".to_owned());
    }
    Ok(item.to_owned())
}

/// Whole seconds, within the limits `Session::validate` sets.
fn seconds(cell: &str) -> Result<u32, String> {
    let secs = cell
        .trim()
        .parse()
        .map_err(|_| format!("the duration must be a whole number of seconds, not \"{cell}\""))?;
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let probe = Session::new(SessionKind::Stretch, epoch, epoch.date_naive(), secs);
    probe.validate().map_err(|e| e.to_string())?;
    Ok(secs)
}

/// `id:done/planned` entries joined by `;`; the id may itself hold `:`.
fn exercises(cell: &str) -> Result<Vec<SessionExercise>, String> {
    let text = cell_to_text(cell);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    text.split(';')
        .map(|entry| {
            let parsed = entry.rsplit_once(':').and_then(|(id, holds)| {
                let (done, planned) = holds.split_once('/')?;
                Some(SessionExercise {
                    exercise: id.to_owned(),
                    holds_done: done.parse().ok()?,
                    holds_planned: planned.parse().ok()?,
                })
            });
            parsed.ok_or_else(|| {
                format!("\"{entry}\" should look like exercise_id:holds_done/holds_planned")
            })
        })
        .collect()
}

fn checkin_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<CheckIn> {
    let date = row.next(|c| record_date(c, today));
    let recorded_at = row.next(instant);
    let pain = row.next(|c| rating(c, "pain"));
    let stress = row.next(|c| optional_rating(c, "stress"));
    let areas = row.next(areas);
    let arm_symptoms = row.next(flag);
    let after_impact = row.next(flag);
    let fever = row.next(flag);
    let note = row.next(note);
    Some(CheckIn {
        date: date?,
        recorded_at: recorded_at?,
        pain: pain?,
        stress: stress?,
        areas: areas?,
        red_flags: RedFlags {
            arm_symptoms: arm_symptoms?,
            after_impact: after_impact?,
            fever: fever?,
        },
        note: note?,
    })
}

fn session_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<Session> {
    let kind = row.next(kind);
    let started_at = row.next(instant);
    let date = row.next(|c| record_date(c, today));
    let duration_secs = row.next(seconds);
    let routine = row.next(text);
    let heat_type = row.next(optional_text);
    let area = row.next(optional_text);
    let capped = row.next(flag);
    let feel_after = row.next(|c| optional_rating(c, "the after-session rating"));
    let note = row.next(note);
    let exercises = row.next(exercises);

    let session = Session {
        kind: kind?,
        started_at: started_at?,
        date: date?,
        duration_secs: duration_secs?,
        routine: routine?,
        heat_type: heat_type?,
        area: area?,
        capped: capped?,
        feel_after: feel_after?,
        note: note?,
        exercises: exercises?,
    };
    if let Err(e) = check_session_date(session.started_at, session.date) {
        let error = error_at(row.file, row.loc, Some("date"), e.to_string());
        row.errors.push(error);
        return None;
    }
    // Duration and note were checked cell by cell; this catches any rule the
    // domain adds later.
    if let Err(e) = session.validate() {
        let error = error_at(row.file, row.loc, None, e.to_string());
        row.errors.push(error);
        return None;
    }
    Some(session)
}

fn checklist_row(row: &mut RowReader<'_>, today: NaiveDate) -> Option<ChecklistAnswer> {
    let item = row.next(item);
    let answer = row.next(answer);
    let answered_on = row.next(|c| record_date(c, today));
    Some(ChecklistAnswer {
        item: item?,
        answer: answer?,
        answered_on: answered_on?,
    })
}

/// Reads `checkins.csv`. Every row is checked; any problem means no records.
/// Dates must be from 1900 to `today`. Two check-ins for the same date are
/// refused, as the app keeps one a day.
pub fn read_checkins<R: io::Read>(r: R, today: NaiveDate) -> Result<Vec<CheckIn>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| checkin_row(row, today);
    let mut table = read_table(r, CHECKINS_FILE, &CHECKIN_COLUMNS, parse);
    table.refuse_duplicates(
        CHECKINS_FILE,
        "date",
        |c| c.date,
        |c| format!("a check-in for {}", c.date),
        "one per day",
    );
    table.finish()
}

/// Reads `sessions.csv`. Every row is checked; any problem means no records.
/// Dates must be from 1900 to `today` and be the day the session started.
/// Two sessions of the same kind starting at the same instant are refused,
/// as the app keeps only one of them.
pub fn read_sessions<R: io::Read>(r: R, today: NaiveDate) -> Result<Vec<Session>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| session_row(row, today);
    let mut table = read_table(r, SESSIONS_FILE, &SESSION_COLUMNS, parse);
    table.refuse_duplicates(
        SESSIONS_FILE,
        "started_at",
        |s| (s.kind, s.started_at),
        |s| {
            let started = s.started_at.to_rfc3339_opts(SecondsFormat::Secs, true);
            format!("a {} session that started at {started}", s.kind.code())
        },
        "one per kind and start time",
    );
    table.finish()
}

/// Reads `checklist.csv`. Every row is checked; any problem means no records.
/// Dates must be from 1900 to `today`. An item answered twice is refused, as
/// the app keeps one answer per item.
pub fn read_checklist<R: io::Read>(
    r: R,
    today: NaiveDate,
) -> Result<Vec<ChecklistAnswer>, ImportErrors> {
    let parse = |row: &mut RowReader<'_>| checklist_row(row, today);
    let mut table = read_table(r, CHECKLIST_FILE, &CHECKLIST_COLUMNS, parse);
    table.refuse_duplicates(
        CHECKLIST_FILE,
        "item",
        |a| a.item.clone(),
        |a| format!("an answer for \"{}\"", a.item),
        "one per item",
    );
    table.finish()
}

fn whole_file_error(path: &Path, message: String) -> ImportError {
    ImportError {
        file: path.display().to_string(),
        line: None,
        row: None,
        column: None,
        message,
    }
}

/// Reads `dir/name` with `read` if the file exists; `found` notes that it did.
fn read_if_present<T>(
    dir: &Path,
    name: &str,
    read: fn(File, NaiveDate) -> Result<Vec<T>, ImportErrors>,
    today: NaiveDate,
    found: &mut bool,
    errors: &mut Vec<ImportError>,
) -> Option<Vec<T>> {
    let path = dir.join(name);
    let file = match File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            *found = true;
            errors.push(whole_file_error(&path, format!("could not open it: {e}")));
            return None;
        }
    };
    *found = true;
    read(file, today).map_err(|e| errors.extend(e.errors)).ok()
}

/// Reads whichever of `checkins.csv`, `sessions.csv` and `checklist.csv` are
/// in `dir` (at least one must be). All files are checked and every problem
/// is reported; the set is returned only if everything is valid. Dates must
/// be from 1900 to `today`.
pub fn read_dir(dir: &Path, today: NaiveDate) -> Result<ImportSet, ImportErrors> {
    let fail = |message: String| ImportErrors {
        errors: vec![whole_file_error(dir, message)],
    };
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(fail("this is a file, not a folder".to_owned())),
        Err(e) => return Err(fail(format!("could not open the folder: {e}"))),
    }
    let mut found = false;
    let mut errors = Vec::new();
    let set = ImportSet {
        checkins: read_if_present(
            dir,
            CHECKINS_FILE,
            read_checkins,
            today,
            &mut found,
            &mut errors,
        ),
        sessions: read_if_present(
            dir,
            SESSIONS_FILE,
            read_sessions,
            today,
            &mut found,
            &mut errors,
        ),
        checklist: read_if_present(
            dir,
            CHECKLIST_FILE,
            read_checklist,
            today,
            &mut found,
            &mut errors,
        ),
    };
    if !found {
        return Err(fail(format!(
            "this folder has none of {CHECKINS_FILE}, {SESSIONS_FILE} or {CHECKLIST_FILE}; \
             choose the folder an export was saved to"
        )));
    }
    if errors.is_empty() {
        Ok(set)
    } else {
        Err(ImportErrors { errors })
    }
}
