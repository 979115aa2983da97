//! Finding a quote that is opened and never closed, which the CSV reader
//! silently takes to run to the end of the file.

use super::{LineCounter, Loc, error_at};
use crate::csv_files::ImportError;

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
pub(super) fn unclosed_quote_error(
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
