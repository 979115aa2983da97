//! The app's rules for dates, quotes and duplicates, as import applies them.

use super::*;

/// The header of `sessions.csv` as versions before uids wrote it.
const SESSIONS_HEADER: &str = "kind,started_at,date,duration_secs,routine,heat_type,area,capped,feel_after,note,exercises\r\n";

#[test]
fn future_dates_and_dates_before_1900_are_refused_in_every_file() {
    let text = format!(
        "{HEADER}\
         2024-03-31,2024-03-31T08:30:00Z,4,,,0,0,0,today is fine\r\n\
         2024-04-01,2024-03-31T08:30:00Z,4,,,0,0,0,\r\n\
         1899-12-31,2024-03-01T08:30:00Z,4,,,0,0,0,\r\n\
         0000-01-01,2024-03-01T08:30:00Z,4,,,0,0,0,\r\n"
    );
    let errors = errors_of(read_checkins(text.as_bytes(), today()));
    let found: Vec<_> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        found,
        [
            (Some(3), Some("date")),
            (Some(4), Some("date")),
            (Some(5), Some("date"))
        ]
    );
    assert!(errors[0].message.contains("in the future"), "{}", errors[0]);
    assert!(errors[1].message.contains("before 1900"), "{}", errors[1]);
    assert!(errors[2].message.contains("before 1900"), "{}", errors[2]);

    let text = format!(
        "{SESSIONS_HEADER}\
         stretch,2024-04-01T08:00:00Z,2024-04-01,60,,,,0,,,\r\n"
    );
    let error = only_error(read_sessions(text.as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(2), Some("date")));
    assert!(error.message.contains("in the future"), "{error}");

    let text = "item,answer,answered_on\r\nmonitor_height,yes,2024-04-01\r\n";
    let error = only_error(read_checklist(text.as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(2), Some("answered_on")));
    assert!(error.message.contains("in the future"), "{error}");
}

#[test]
fn a_session_date_must_be_the_day_it_started_in_some_time_zone() {
    let read = |started_at: &str, date: &str| {
        let text = format!("{SESSIONS_HEADER}heat,{started_at},{date},60,,,,0,,,\r\n");
        read_sessions(text.as_bytes(), today())
    };
    // Twelve hours behind UTC and fourteen ahead are both somewhere's clock.
    assert!(read("2024-03-01T11:59:00Z", "2024-02-29").is_ok());
    assert!(read("2024-03-01T10:00:00Z", "2024-03-02").is_ok());
    assert!(read("2024-03-01T23:30:00-05:00", "2024-03-01").is_ok());
    for (started_at, date) in [
        ("2024-03-01T12:00:00Z", "2024-02-29"),
        ("2024-03-01T09:59:00Z", "2024-03-02"),
        ("2024-03-01T08:30:00Z", "2024-03-05"),
    ] {
        let error = only_error(read(started_at, date));
        assert_eq!(
            (error.line, error.column),
            (Some(2), Some("date")),
            "{started_at} {date}"
        );
        assert!(
            error
                .message
                .contains("is not the day this session started"),
            "{error}"
        );
    }
}

#[test]
fn a_quote_that_is_never_closed_is_refused_where_it_opens() {
    let text = format!(
        "{HEADER}\
         2024-03-01,2024-03-01T08:30:00Z,4,,,0,0,0,\"two\r\nlines\"\r\n\
         2024-03-02,2024-03-02T08:30:00Z,4,,,0,0,0,\"she said \"\"sit\r\n\
         2024-03-03,2024-03-03T08:30:00Z,4,,,0,0,0,\r\n\
         2024-03-04,2024-03-04T08:30:00Z,4,,,0,0,0,\r\n"
    );
    let error = only_error(read_checkins(text.as_bytes(), today()));
    assert_eq!(
        (error.line, error.row, error.column),
        (Some(4), Some(3), Some("note"))
    );
    assert!(
        error
            .to_string()
            .starts_with("checkins.csv, line 4 (spreadsheet row 3), column note: this cell opens a quote that is never closed"),
        "{error}"
    );

    // The same in the first cell of the last row, with no line break after it.
    let text = format!("{HEADER}2024-03-01,2024-03-01T08:30:00Z,4,,,0,0,0,\r\n\"2024-03-02");
    let error = only_error(read_checkins(text.as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(3), Some("date")));

    // In the header row too.
    let error = only_error(read_checkins("date,\"recorded_at".as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(1), Some("recorded_at")));
    assert!(error.message.contains("never closed"), "{error}");

    // Closed quotes, escaped quotes and text after a closing quote are fine.
    let text = format!(
        "{HEADER}\
         2024-03-01,2024-03-01T08:30:00Z,4,,,0,0,0,\"a \"\"b\"\"\"\r\n\
         2024-03-02,2024-03-02T08:30:00Z,4,,,0,0,0,\"\"\r\n\
         2024-03-03,2024-03-03T08:30:00Z,4,,,0,0,0,x\"y"
    );
    let notes: Vec<String> = read_checkins(text.as_bytes(), today())
        .unwrap()
        .into_iter()
        .map(|c| c.record.note)
        .collect();
    assert_eq!(notes, ["a \"b\"", "", "x\"y"]);
}

#[test]
fn duplicate_sessions_and_checklist_items_are_refused() {
    let text = format!(
        "{SESSIONS_HEADER}\
         heat,2024-03-01T18:30:00Z,2024-03-01,60,,,,0,,,\r\n\
         stretch,2024-03-01T18:30:00Z,2024-03-01,60,,,,0,,,\r\n\
         heat,2024-03-01T19:30:00+01:00,2024-03-01,120,,,,0,,second,\r\n"
    );
    let error = only_error(read_sessions(text.as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(4), Some("started_at")));
    assert_eq!(
        error.message,
        "line 2 already has a heat session that started at 2024-03-01T18:30:00Z; \
         keep only one per kind and start time"
    );

    let text = "item,answer,answered_on\r\n\
                monitor_height,yes,2024-03-01\r\n\
                chair,not_yet,2024-03-01\r\n\
                monitor_height,not_yet,2024-03-02\r\n";
    let error = only_error(read_checklist(text.as_bytes(), today()));
    assert_eq!((error.line, error.column), (Some(4), Some("item")));
    assert_eq!(
        error.message,
        "line 2 already has an answer for \"monitor_height\"; keep only one per item"
    );
}
