//! Reading a PDF back as a person's tools would: poppler's `pdftotext` and
//! `pdfinfo`, and `qpdf`, which scripts/test installs.

use std::path::Path;
use std::process::{Command, Output};

/// Runs a poppler or qpdf tool.
pub fn tool(name: &str, args: &[&str]) -> Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} could not be run ({e}); run ./scripts/test, which installs poppler-utils and qpdf")
    })
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The page's text as `pdftotext -layout` reads it, runs of white space
/// made one space (a sentence may wrap).
pub fn page_text(pdf: &Path) -> String {
    let out = tool("pdftotext", &["-layout", &pdf.to_string_lossy(), "-"]);
    assert!(out.status.success(), "{}", lossy(&out.stderr));
    lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One line of what `pdfinfo` says, such as "Pages" or "Page size".
pub fn info(pdf: &Path, field: &str) -> String {
    let out = tool("pdfinfo", &[&pdf.to_string_lossy()]);
    assert!(out.status.success(), "{}", lossy(&out.stderr));
    let all = lossy(&out.stdout);
    all.lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .map(|value| value.trim().to_owned())
        .unwrap_or_else(|| panic!("no {field} in {all}"))
}

/// `qpdf --check` finds the file sound.
pub fn assert_sound(pdf: &Path) {
    let out = tool("qpdf", &["--check", &pdf.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}{}",
        lossy(&out.stdout),
        lossy(&out.stderr)
    );
}
