//! Reading the tables back, checking every row before returning any: the
//! machinery every table shares, and [`read_dir`]. Each kind's rows are
//! read in `log` (check-ins, sessions, the checklist) and `what_helps`
//! (the kinds that came with uids).

use std::collections::HashMap;
use std::fs::{self, File};
use std::hash::Hash;
use std::io;
use std::path::Path;

use chrono::NaiveDate;

mod cells;
mod log;
mod quoting;
mod what_helps;

pub use log::{read_checkins, read_checklist, read_sessions};
pub use what_helps::{
    read_days_off, read_experiments, read_flare_ups, read_function_activities,
    read_function_ratings,
};

use quoting::unclosed_quote_error;

use super::{
    CHECKINS_FILE, CHECKLIST_FILE, DAYS_OFF_FILE, EXPERIMENTS_FILE, EXPORT_FILES, FLARE_UPS_FILE,
    FUNCTION_ACTIVITIES_FILE, FUNCTION_RATINGS_FILE, ImportError, ImportErrors, SESSIONS_FILE,
};
use crate::domain::keyed::RecordSet;

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

    /// Records a problem with the row as a whole, or with `column`.
    fn refuse(&mut self, column: Option<&'static str>, message: String) {
        let error = error_at(self.file, self.loc, column, message);
        self.errors.push(error);
    }
}

/// Rows that parsed, with where they came from, and every problem found.
struct Table<T> {
    records: Vec<(Loc, T)>,
    errors: Vec<ImportError>,
}

impl<T> Table<T> {
    /// Refuses a record whose `key` an earlier row already has, as the store
    /// keeps only one of them (a record whose key is `None` has none to
    /// share). `what` says what the earlier line holds.
    fn refuse_duplicates<K: Eq + Hash>(
        &mut self,
        file: &str,
        column: &'static str,
        key: impl Fn(&T) -> Option<K>,
        what: impl Fn(&T) -> String,
        keep: &str,
    ) {
        let mut first_line: HashMap<K, u64> = HashMap::new();
        for (loc, record) in &self.records {
            let Some(key) = key(record) else { continue };
            if let Some(first) = first_line.get(&key) {
                let message = format!(
                    "line {first} already has {}; keep only {keep}",
                    what(record)
                );
                self.errors
                    .push(error_at(file, *loc, Some(column), message));
            } else {
                first_line.insert(key, loc.line);
            }
        }
    }

    /// Refuses a second row with the same uid: a uid names one record.
    fn refuse_duplicate_uids(&mut self, file: &str, uid: impl Fn(&T) -> Option<&str>) {
        self.refuse_duplicates(
            file,
            "uid",
            |record| uid(record).map(str::to_owned),
            |record| format!("the uid \"{}\"", uid(record).unwrap_or_default()),
            "one row per uid",
        );
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

/// Whether a table's header must be whole, or may lack its last column
/// (`uid`), as files from before uids were written do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    Whole,
    UidOptional,
}

/// The columns the header row names, when it is `columns` (a UTF-8
/// byte-order mark in front is tolerated) or, if `header` allows, all of
/// them but the last.
fn check_header(
    record: &csv::ByteRecord,
    file: &str,
    columns: &'static [&'static str],
    header: Header,
) -> Result<&'static [&'static str], ImportError> {
    let found: Vec<&[u8]> = record
        .iter()
        .enumerate()
        .map(|(i, cell)| match cell.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) if i == 0 => rest,
            _ => cell,
        })
        .collect();
    let matches = |columns: &[&str]| {
        found
            .iter()
            .copied()
            .eq(columns.iter().map(|c| c.as_bytes()))
    };
    if matches(columns) {
        return Ok(columns);
    }
    if let (Header::UidOptional, Some((_, older))) = (header, columns.split_last())
        && matches(older)
    {
        return Ok(older);
    }
    let first_difference = (0..found.len().max(columns.len()))
        .find(|&i| found.get(i).copied() != columns.get(i).map(|c| c.as_bytes()))
        .unwrap_or(0);
    let found_text: Vec<String> = found
        .iter()
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    Err(ImportError {
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

/// Reads a whole table: header check, then every row through `parse`. A row
/// of a file whose header lacks the optional last column reads that cell as
/// empty.
fn read_table<R: io::Read, T>(
    mut r: R,
    file: &'static str,
    columns: &'static [&'static str],
    header: Header,
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
    let checked = match reader.read_byte_record(&mut record) {
        Ok(true) if ends_file(&reader) => {
            match unclosed_quote_error(file, &data, 0, &mut lines, 1, columns) {
                Some(problem) => Err(problem),
                None => check_header(&record, file, columns, header),
            }
        }
        Ok(true) => check_header(&record, file, columns, header),
        Ok(false) => Err(ImportError {
            file: file.to_owned(),
            line: Some(1),
            row: Some(1),
            column: None,
            message: format!(
                "the file is empty; it should start with the header row \"{}\"",
                columns.join(",")
            ),
        }),
        Err(e) => Err(csv_problem(file, &e)),
    };
    let columns = match checked {
        Ok(columns) => columns,
        Err(problem) => {
            table.errors.push(problem);
            return table;
        }
    };

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

fn whole_file_error(path: &Path, message: String) -> ImportError {
    ImportError {
        file: path.display().to_string(),
        line: None,
        row: None,
        column: None,
        message,
    }
}

/// Reads whichever of the files an export writes ([`EXPORT_FILES`]) are in
/// `dir` (at least one must be). All files are checked and every problem
/// is reported; the set is returned only if everything is valid. Dates must
/// be from 1900 to `today` (days off may reach a year ahead).
///
/// Whether a function-check score's activity is known is left to the
/// store: it may be in `function_activities.csv` or stored already.
pub fn read_dir(dir: &Path, today: NaiveDate) -> Result<RecordSet, ImportErrors> {
    let fail = |message: String| ImportErrors {
        errors: vec![whole_file_error(dir, message)],
    };
    match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => return Err(fail("this is a file, not a folder".to_owned())),
        Err(e) => return Err(fail(format!("could not open the folder: {e}"))),
    }
    let mut read = Reading {
        dir,
        today,
        found: false,
        errors: Vec::new(),
    };
    let set = RecordSet {
        checkins: read.file(CHECKINS_FILE, read_checkins),
        sessions: read.file(SESSIONS_FILE, read_sessions),
        checklist: read.file(CHECKLIST_FILE, read_checklist),
        flare_ups: read.file(FLARE_UPS_FILE, read_flare_ups),
        days_off: read.file(DAYS_OFF_FILE, read_days_off),
        experiments: read.file(EXPERIMENTS_FILE, read_experiments),
        activities: read.file(FUNCTION_ACTIVITIES_FILE, read_function_activities),
        function_ratings: read.file(FUNCTION_RATINGS_FILE, read_function_ratings),
    };
    if !read.found {
        return Err(fail(format!(
            "this folder has none of the files an export writes ({}); \
             choose the folder an export was saved to",
            crate::text::and_list(&EXPORT_FILES)
        )));
    }
    if read.errors.is_empty() {
        Ok(set)
    } else {
        Err(ImportErrors {
            errors: read.errors,
        })
    }
}

/// One folder being read: whether any file was there, and every problem.
struct Reading<'a> {
    dir: &'a Path,
    today: NaiveDate,
    found: bool,
    errors: Vec<ImportError>,
}

impl Reading<'_> {
    /// Reads `name` with `read` if the file exists; nothing if it does not
    /// or has problems (which are noted).
    fn file<T>(
        &mut self,
        name: &str,
        read: fn(File, NaiveDate) -> Result<Vec<T>, ImportErrors>,
    ) -> Vec<T> {
        let path = self.dir.join(name);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                self.found = true;
                let message = format!("could not open it: {e}");
                self.errors.push(whole_file_error(&path, message));
                return Vec::new();
            }
        };
        self.found = true;
        read(file, self.today).unwrap_or_else(|e| {
            self.errors.extend(e.errors);
            Vec::new()
        })
    }
}
