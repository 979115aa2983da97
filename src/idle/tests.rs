use super::*;

fn run(signals: &[Signal]) -> Vec<PresenceChange> {
    let mut presence = Presence::default();
    signals
        .iter()
        .filter_map(|s| presence.take(*s, 300))
        .collect()
}

#[test]
fn each_way_of_being_away_is_told_and_back_once_all_have_ended() {
    use PresenceChange::{Active, Locked};
    use Signal::{Asleep, Idle, ScreenSaver, SessionLocked};
    let idle = PresenceChange::Idle { idle_secs: 300 };
    assert_eq!(
        run(&[
            Idle(true),
            SessionLocked(true),
            Idle(false),
            SessionLocked(false)
        ]),
        vec![idle, Locked, Active]
    );
    // Waking on a locked screen is not yet back.
    assert_eq!(
        run(&[SessionLocked(true), Asleep(true), Asleep(false)]),
        vec![Locked, PresenceChange::Asleep]
    );
    // Lock hint and screen saver say the same thing: told once.
    assert_eq!(
        run(&[
            SessionLocked(true),
            ScreenSaver(true),
            ScreenSaver(false),
            SessionLocked(false)
        ]),
        vec![Locked, Active]
    );
    // Repeats and an end without a start say nothing.
    assert_eq!(
        run(&[Asleep(false), Idle(true), Idle(true), ScreenSaver(false)]),
        vec![idle]
    );
}

#[test]
fn sources_in_words() {
    assert!(Sources::default().is_empty());
    let some = Sources {
        session_lock: true,
        suspend: true,
        ..Sources::default()
    };
    assert_eq!(some.describe(), vec!["screen lock", "suspend and resume"]);
}

#[test]
fn idle_counts_from_the_last_input() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00+01:00").unwrap();
    let idle = PresenceChange::Idle { idle_secs: 300 };
    assert_eq!(
        idle.away_since(now),
        Some(now - chrono::Duration::minutes(5))
    );
    assert_eq!(PresenceChange::Locked.away_since(now), Some(now));
    assert_eq!(PresenceChange::Asleep.away_since(now), Some(now));
    assert_eq!(PresenceChange::Active.away_since(now), None);
}
