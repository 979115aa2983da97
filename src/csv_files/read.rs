//! Reading the three tables back, checking every row before returning any.

use std::collections::HashMap;
use std::fs::{self, File};
use std::hash::Hash;
use std::io;
use std::path::Path;

use chrono::{NaiveDate, SecondsFormat};

mod cells;
mod quoting;

use cells::{
    answer, areas, exercises, flag, instant, item, kind, note, optional_rating, optional_text,
    rating, record_date, seconds, text,
};
use quoting::unclosed_quote_error;

use super::{
    CHECKIN_COLUMNS, CHECKINS_FILE, CHECKLIST_COLUMNS, CHECKLIST_FILE, ImportError, ImportErrors,
    SESSION_COLUMNS, SESSIONS_FILE,
};
use crate::domain::checklist::ChecklistAnswer;
use crate::domain::keyed::{Keyed, RecordSet};
use crate::domain::pain::{CheckIn, RedFlags};
use crate::domain::session::{Session, check_session_date};

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
pub fn read_dir(dir: &Path, today: NaiveDate) -> Result<RecordSet, ImportErrors> {
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
    let checkins = read_if_present(
        dir,
        CHECKINS_FILE,
        read_checkins,
        today,
        &mut found,
        &mut errors,
    );
    let sessions = read_if_present(
        dir,
        SESSIONS_FILE,
        read_sessions,
        today,
        &mut found,
        &mut errors,
    );
    let checklist = read_if_present(
        dir,
        CHECKLIST_FILE,
        read_checklist,
        today,
        &mut found,
        &mut errors,
    );
    let set = RecordSet {
        checkins: checkins
            .unwrap_or_default()
            .into_iter()
            .map(Keyed::unkeyed)
            .collect(),
        sessions: sessions
            .unwrap_or_default()
            .into_iter()
            .map(Keyed::unkeyed)
            .collect(),
        checklist: checklist.unwrap_or_default(),
        ..RecordSet::default()
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
