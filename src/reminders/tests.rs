use chrono::{Weekday, WeekdaySet};

use super::*;

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// A time on Monday 2 March 2026 (winter time, +01:00).
fn mon(hm: &str) -> DateTime<FixedOffset> {
    t(&format!("2026-03-02T{hm}:00+01:00"))
}

fn mins(n: i64) -> Duration {
    Duration::minutes(n)
}

/// Checked in and three strengthening sessions done: only posture and stretch remain.
const DONE: DayFacts = DayFacts {
    checked_in_today: true,
    strength_sessions_this_week: 3,
};

/// Asks every minute from `from` (included) to `to` (excluded).
fn poll(
    s: &mut Scheduler,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
    facts: &DayFacts,
) -> Vec<(DateTime<FixedOffset>, ReminderKind)> {
    let mut shown = Vec::new();
    let mut now = from;
    while now < to {
        if let Some(r) = s.due(now, facts) {
            shown.push((now, r.kind));
        }
        now += mins(1);
    }
    shown
}

fn kinds(shown: &[(DateTime<FixedOffset>, ReminderKind)]) -> Vec<ReminderKind> {
    shown.iter().map(|(_, k)| *k).collect()
}

fn posture_only() -> ReminderSettings {
    ReminderSettings {
        stretch_every_hours: 0,
        check_in_at: None,
        strength_nudge_at: None,
        ..ReminderSettings::default()
    }
}

#[test]
fn the_test_dates_are_what_they_claim() {
    assert_eq!(mon("10:00").weekday(), Weekday::Mon);
    assert_eq!(t("2026-03-29T12:00:00+02:00").weekday(), Weekday::Sun);
}

#[test]
fn active_hours_include_the_start_and_exclude_the_end() {
    let mut s = Scheduler::default();
    assert_eq!(s.due(mon("08:59"), &DONE), None);
    let first = s.due(mon("09:00"), &DONE).unwrap();
    assert_eq!(first.kind, ReminderKind::Posture);

    let mut s = Scheduler::default();
    assert_eq!(
        s.due(t("2026-03-02T17:59:59+01:00"), &DONE).map(|r| r.kind),
        Some(ReminderKind::Posture)
    );
    let mut s = Scheduler::default();
    assert_eq!(s.due(mon("18:00"), &DONE), None);
    assert_eq!(
        s.next_due(mon("18:00")),
        Some(t("2026-03-03T09:00:00+01:00"))
    );
}

#[test]
fn posture_every_30_minutes_in_active_hours_by_default() {
    let mut s = Scheduler::new(posture_only());
    let shown = poll(&mut s, mon("08:00"), mon("19:00"), &DONE);
    assert_eq!(shown.len(), 18);
    assert_eq!(shown.first().map(|x| x.0), Some(mon("09:00")));
    assert_eq!(shown.last().map(|x| x.0), Some(mon("17:30")));
    assert!(shown.windows(2).all(|w| w[1].0 - w[0].0 == mins(30)));
}

#[test]
fn weekends_are_quiet_by_default() {
    let mut s = Scheduler::default();
    let sat = t("2026-03-07T00:00:00+01:00");
    let nothing_done = DayFacts::default();
    let shown = poll(&mut s, sat, sat + Duration::days(2), &nothing_done);
    assert_eq!(shown, vec![]);
    assert_eq!(s.next_due(sat), Some(t("2026-03-09T09:00:00+01:00")));
}

#[test]
fn dst_change_overnight_uses_the_new_local_time() {
    // Summer time starts on Sunday 29 March 2026: +01:00 becomes +02:00.
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::Posture, t("2026-03-27T17:30:00+01:00"));
    assert_eq!(s.due(t("2026-03-30T08:59:00+02:00"), &DONE), None);
    assert_eq!(
        s.next_due(t("2026-03-30T08:00:00+02:00")),
        Some(t("2026-03-30T09:00:00+02:00"))
    );
    assert_eq!(
        s.due(t("2026-03-30T09:00:00+02:00"), &DONE).map(|r| r.kind),
        Some(ReminderKind::Posture)
    );
    assert_eq!(
        s.next_due(t("2026-03-30T09:00:00+02:00")),
        Some(t("2026-03-30T09:30:00+02:00"))
    );
}

#[test]
fn dst_change_within_an_interval_counts_real_minutes() {
    let settings = ReminderSettings {
        active_hours: TimeWindow::new(NaiveTime::MIN, NaiveTime::MIN),
        active_days: WeekdaySet::ALL,
        ..posture_only()
    };
    let mut s = Scheduler::new(settings);
    let before = t("2026-03-29T01:45:00+01:00");
    assert!(s.due(before, &DONE).is_some());
    // 03:00 summer time is only 15 minutes after 01:45 winter time.
    let after = t("2026-03-29T03:00:00+02:00");
    assert_eq!(s.due(after, &DONE), None);
    assert_eq!(s.next_due(after), Some(t("2026-03-29T03:15:00+02:00")));
    assert!(s.due(t("2026-03-29T03:14:00+02:00"), &DONE).is_none());
    assert!(s.due(t("2026-03-29T03:15:00+02:00"), &DONE).is_some());
}

#[test]
fn daily_times_follow_the_wall_clock_after_dst() {
    let settings = ReminderSettings {
        posture_enabled: false,
        stretch_every_hours: 0,
        strength_nudge_at: None,
        active_days: WeekdaySet::ALL,
        ..ReminderSettings::default()
    };
    let s = Scheduler::new(settings);
    assert_eq!(
        s.next_due(t("2026-03-29T03:20:00+02:00")),
        Some(t("2026-03-29T17:00:00+02:00"))
    );
}

#[test]
fn a_five_hour_suspend_gives_exactly_one_reminder() {
    let mut s = Scheduler::default();
    let before = poll(&mut s, mon("09:00"), mon("10:05"), &DONE);
    assert_eq!(before.len(), 3);
    // Suspended from 10:05 to 15:05: posture and the 11:00 stretch break were missed.
    let after = poll(&mut s, mon("15:05"), mon("15:35"), &DONE);
    assert_eq!(after, vec![(mon("15:05"), ReminderKind::Posture)]);
    // Both intervals restart from the return.
    assert_eq!(s.next_due(mon("15:06")), Some(mon("15:35")));
    let rest = poll(&mut s, mon("15:35"), mon("17:10"), &DONE);
    assert_eq!(
        rest,
        vec![
            (mon("15:35"), ReminderKind::Posture),
            (mon("16:05"), ReminderKind::Posture),
            (mon("16:35"), ReminderKind::Posture),
            (mon("17:05"), ReminderKind::StretchBreak),
        ]
    );
}

#[test]
fn a_stretch_break_every_two_hours_replaces_the_posture_check() {
    let mut s = Scheduler::default();
    let shown = poll(&mut s, mon("09:00"), mon("13:01"), &DONE);
    let stretches: Vec<_> = shown
        .iter()
        .filter(|(_, k)| *k == ReminderKind::StretchBreak)
        .map(|(at, _)| *at)
        .collect();
    assert_eq!(stretches, vec![mon("11:00"), mon("13:00")]);
    assert_eq!(shown.len(), 9);

    let mut off = Scheduler::new(posture_only());
    let shown = poll(&mut off, mon("09:00"), mon("18:00"), &DONE);
    assert!(!kinds(&shown).contains(&ReminderKind::StretchBreak));
}

#[test]
fn snooze_brings_the_reminder_back_after_ten_minutes() {
    let mut s = Scheduler::new(posture_only());
    assert!(s.due(mon("10:00"), &DONE).is_some());
    s.snooze(mon("10:01"));
    assert_eq!(s.next_due(mon("10:02")), Some(mon("10:11")));
    assert_eq!(poll(&mut s, mon("10:02"), mon("10:11"), &DONE), vec![]);
    assert_eq!(
        s.due(mon("10:11"), &DONE).map(|r| r.kind),
        Some(ReminderKind::Posture)
    );
    // The posture interval now counts from the repeat.
    assert_eq!(s.next_due(mon("10:12")), Some(mon("10:41")));
}

#[test]
fn a_snoozed_check_in_does_not_return_once_done() {
    let mut s = Scheduler::default();
    let not_yet = DayFacts::default();
    s.acknowledge(ReminderKind::Posture, mon("16:50"));
    assert_eq!(
        s.due(mon("17:00"), &not_yet).map(|r| r.kind),
        Some(ReminderKind::CheckIn)
    );
    s.snooze(mon("17:00"));
    assert_eq!(s.due(mon("17:10"), &DONE), None);
    assert_eq!(s.state().snoozed, None);
}

#[test]
fn pause_for_an_hour_holds_everything_then_carries_on_without_catching_up() {
    let mut s = Scheduler::new(posture_only());
    assert!(s.due(mon("10:00"), &DONE).is_some());
    s.pause_hour(mon("10:05"));
    assert_eq!(s.held_until(mon("10:06")), Some(mon("11:05")));
    // The 10:30 posture check is held; nothing at all until 11:05, then one.
    assert_eq!(poll(&mut s, mon("10:06"), mon("11:04"), &DONE), vec![]);
    assert_eq!(s.next_due(mon("11:00")), Some(mon("11:05")));
    assert_eq!(poll(&mut s, mon("11:05"), mon("11:34"), &DONE).len(), 1);
    // A clock set back a day cannot stretch the pause past an hour.
    s.pause_hour(mon("15:00"));
    assert_eq!(s.due(mon("14:00"), &DONE), None);
    assert_eq!(s.held_until(mon("14:00")), Some(mon("14:00") + mins(60)));
}

#[test]
fn resume_ends_an_hour_pause_but_not_a_snoozed_reminder() {
    let mut s = Scheduler::new(posture_only());
    s.pause_hour(mon("10:00"));
    s.resume();
    assert_eq!(s.held_until(mon("10:01")), None);
    assert!(s.due(mon("10:00"), &DONE).is_some());
    s.snooze(mon("10:01"));
    s.resume();
    assert_eq!(s.held_until(mon("10:02")), Some(mon("10:11")));
}

#[test]
fn pause_for_today_then_resume_tomorrow() {
    let mut s = Scheduler::default();
    assert!(s.due(mon("09:00"), &DONE).is_some());
    s.pause_today(mon("10:00").date_naive());
    assert!(s.is_paused(mon("10:00").date_naive()));
    let nothing = DayFacts::default();
    assert_eq!(poll(&mut s, mon("10:00"), mon("23:59"), &nothing), vec![]);
    let tuesday = t("2026-03-03T09:00:00+01:00");
    assert_eq!(s.next_due(mon("10:00")), Some(tuesday));
    assert_eq!(
        s.due(tuesday, &DONE).map(|r| r.kind),
        Some(ReminderKind::Posture)
    );
    s.pause_today(tuesday.date_naive());
    s.resume();
    assert!(!s.is_paused(tuesday.date_naive()));
}

#[test]
fn days_off_are_quiet_and_the_next_reminder_is_the_day_after() {
    let mut s = Scheduler::default();
    s.set_days_off([mon("09:00").date_naive()].into());
    assert!(s.is_day_off(mon("09:00").date_naive()));
    assert_eq!(
        poll(&mut s, mon("00:00"), mon("23:59"), &DayFacts::default()),
        vec![]
    );
    let tuesday = t("2026-03-03T09:00:00+01:00");
    assert_eq!(s.next_due(mon("10:00")), Some(tuesday));
    // New settings read from the store keep the days off.
    s.replace(ReminderSettings::default(), ReminderState::default());
    assert_eq!(s.next_due(mon("10:00")), Some(tuesday));
}

#[test]
fn check_in_reminder_only_when_not_checked_in() {
    let not_yet = DayFacts {
        checked_in_today: false,
        strength_sessions_this_week: 3,
    };
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::Posture, mon("16:50"));
    let r = s.due(mon("17:00"), &not_yet).unwrap();
    assert_eq!(r.kind, ReminderKind::CheckIn);
    assert_eq!(r.title, "Daily check-in");
    // Once a day: the rest of Monday brings no second one.
    let later = poll(&mut s, mon("17:01"), mon("23:59"), &not_yet);
    assert!(!kinds(&later).contains(&ReminderKind::CheckIn));

    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::Posture, mon("16:50"));
    assert_eq!(s.due(mon("17:00"), &DONE), None);
    // Checked in: the wake-up skips to the next posture check.
    assert_eq!(s.next_due(mon("17:00")), Some(mon("17:20")));
}

#[test]
fn check_in_comes_at_its_time_even_after_active_hours() {
    let settings = ReminderSettings {
        check_in_at: Some(NaiveTime::from_hms_opt(20, 30, 0).unwrap()),
        ..ReminderSettings::default()
    };
    let mut s = Scheduler::new(settings);
    let shown = poll(&mut s, mon("18:00"), mon("23:00"), &DayFacts::default());
    assert_eq!(shown, vec![(mon("20:30"), ReminderKind::CheckIn)]);
}

#[test]
fn strength_pace_by_weekday() {
    // A week without days off: one by Wednesday, two by Friday, three by Sunday.
    let pace: Vec<u32> = (1..=7).map(|day| strength_pace(3, day, 7)).collect();
    assert_eq!(pace, [0, 0, 1, 1, 2, 2, 3]);
    // Monday to Wednesday off: two sessions over four days.
    let pace: Vec<u32> = (1..=4).map(|day| strength_pace(2, day, 4)).collect();
    assert_eq!(pace, [0, 1, 1, 2]);
    assert_eq!(strength_pace(0, 1, 0), 0);
}

#[test]
fn strength_nudge_at_noon_when_behind_once_a_day() {
    let wed = |hm: &str| t(&format!("2026-03-04T{hm}:00+01:00"));
    let behind = DayFacts {
        checked_in_today: true,
        strength_sessions_this_week: 0,
    };
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::Posture, wed("11:50"));
    let shown = poll(&mut s, wed("11:55"), wed("14:00"), &behind);
    assert_eq!(shown.first(), Some(&(wed("12:00"), ReminderKind::Strength)));
    assert_eq!(
        kinds(&shown)
            .iter()
            .filter(|k| **k == ReminderKind::Strength)
            .count(),
        1
    );

    let on_pace = DayFacts {
        checked_in_today: true,
        strength_sessions_this_week: 1,
    };
    let mut s = Scheduler::default();
    let shown = poll(&mut s, wed("11:55"), wed("14:00"), &on_pace);
    assert!(!kinds(&shown).contains(&ReminderKind::Strength));

    let r = Scheduler::default().due(wed("12:00"), &behind).unwrap();
    assert!(
        r.body
            .starts_with("No strengthening session yet this week.")
    );
    assert!(r.body.ends_with("on the way to 3."), "{}", r.body);
}

#[test]
fn days_off_spread_the_strength_pace_over_the_days_on() {
    let day = |d: u32, hm: &str| t(&format!("2026-03-{d:02}T{hm}:00+01:00"));
    let behind = DayFacts {
        checked_in_today: true,
        strength_sessions_this_week: 1,
    };
    // Friday with one session is behind a week of three...
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::Posture, day(6, "11:50"));
    assert!(
        kinds(&poll(&mut s, day(6, "11:55"), day(6, "14:00"), &behind))
            .contains(&ReminderKind::Strength)
    );
    // ...but on pace in a week with Monday to Wednesday off (two sessions
    // over Thursday to Sunday: one by Friday).
    let off: BTreeSet<NaiveDate> = (2..=4).map(|d| day(d, "09:00").date_naive()).collect();
    let mut s = Scheduler::default();
    s.set_days_off(off.clone());
    s.acknowledge(ReminderKind::Posture, day(6, "11:50"));
    assert!(
        !kinds(&poll(&mut s, day(6, "11:55"), day(6, "14:00"), &behind))
            .contains(&ReminderKind::Strength)
    );
    // With none done that week is behind, and the words name its target.
    let none = DayFacts {
        checked_in_today: true,
        strength_sessions_this_week: 0,
    };
    let mut s = Scheduler::default();
    s.set_days_off(off);
    let r = s.due(day(6, "12:00"), &none).unwrap();
    assert_eq!(r.kind, ReminderKind::Strength);
    assert!(r.body.ends_with("on the way to 2."), "{}", r.body);

    // Monday to Thursday off: one session over Friday to Sunday, none yet
    // due on Friday.
    let mut s = Scheduler::default();
    s.set_days_off((2..=5).map(|d| day(d, "09:00").date_naive()).collect());
    s.acknowledge(ReminderKind::Posture, day(6, "11:50"));
    assert!(
        !kinds(&poll(&mut s, day(6, "11:55"), day(6, "14:00"), &none))
            .contains(&ReminderKind::Strength)
    );
}

#[test]
fn quiet_hours_hold_everything_back() {
    let settings = ReminderSettings {
        quiet_hours: Some(TimeWindow::new(
            NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
        )),
        ..ReminderSettings::default()
    };
    let mut s = Scheduler::new(settings);
    s.acknowledge(ReminderKind::StretchBreak, mon("10:00"));
    s.acknowledge(ReminderKind::Posture, mon("11:30"));
    assert_eq!(poll(&mut s, mon("11:50"), mon("13:00"), &DONE), vec![]);
    assert_eq!(s.next_due(mon("12:30")), Some(mon("13:00")));
    // Posture comes once after quiet hours; the stretch break due at 12:00
    // was missed by an hour, so it restarts instead of piling up.
    let after = poll(&mut s, mon("13:00"), mon("13:30"), &DONE);
    assert_eq!(after, vec![(mon("13:00"), ReminderKind::Posture)]);
    assert_eq!(s.state().stretch_at, Some(mon("13:00")));
}

#[test]
fn time_windows_may_cross_midnight() {
    let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let night = TimeWindow::new(hm(22, 0), hm(6, 0));
    assert!(night.contains(hm(23, 0)));
    assert!(night.contains(hm(2, 0)));
    assert!(!night.contains(hm(6, 0)));
    assert!(!night.contains(hm(12, 0)));
    assert!(TimeWindow::new(hm(9, 0), hm(9, 0)).contains(hm(3, 0)));
}

#[test]
fn posture_interval_is_clamped() {
    let with = |mins| ReminderSettings {
        posture_every_mins: mins,
        ..ReminderSettings::default()
    };
    assert_eq!(with(5).posture_interval(), Duration::minutes(15));
    assert_eq!(with(45).posture_interval(), Duration::minutes(45));
    assert_eq!(with(240).posture_interval(), Duration::minutes(60));
    assert_eq!(
        ReminderSettings::default().stretch_interval(),
        Some(Duration::hours(2))
    );
    let off = ReminderSettings {
        stretch_every_hours: 0,
        ..ReminderSettings::default()
    };
    assert_eq!(off.stretch_interval(), None);
}

#[test]
fn acknowledging_restarts_the_interval() {
    let mut s = Scheduler::new(posture_only());
    assert!(s.due(mon("09:00"), &DONE).is_some());
    s.acknowledge(ReminderKind::Posture, mon("09:20"));
    assert_eq!(s.due(mon("09:30"), &DONE), None);
    assert_eq!(s.next_due(mon("09:30")), Some(mon("09:50")));
}

#[test]
fn a_clock_set_back_does_not_hold_reminders_back() {
    let mut s = Scheduler::new(posture_only());
    assert!(s.due(mon("11:00"), &DONE).is_some());
    // The clock jumps back an hour.
    assert_eq!(s.due(mon("10:00"), &DONE), None);
    assert_eq!(s.next_due(mon("10:00")), Some(mon("10:30")));
    assert!(s.due(mon("10:30"), &DONE).is_some());
}

#[test]
fn turned_off_means_nothing_and_no_wake_up() {
    let settings = ReminderSettings {
        enabled: false,
        ..ReminderSettings::default()
    };
    let mut s = Scheduler::new(settings);
    assert_eq!(
        poll(&mut s, mon("08:00"), mon("20:00"), &DayFacts::default()),
        vec![]
    );
    assert_eq!(s.next_due(mon("08:00")), None);
}

/// Waking only when `next_due` says gives the same reminders as asking every
/// minute, and reminders never come closer than the spacing.
#[test]
fn waking_at_next_due_matches_polling_every_minute() {
    let facts = DayFacts::default();
    let start = mon("00:00");
    let end = start + Duration::days(7);

    let mut polled = Scheduler::default();
    let every_minute = poll(&mut polled, start, end, &facts);

    let mut woken = Scheduler::default();
    let mut on_wake = Vec::new();
    let mut now = start;
    for _ in 0..10_000 {
        let Some(next) = woken.next_due(now) else {
            break;
        };
        assert!(next >= now);
        if next >= end {
            break;
        }
        now = next;
        match woken.due(now, &facts) {
            Some(r) => on_wake.push((now, r.kind)),
            // A wake-up without a reminder must change something, or it would spin.
            None => assert_ne!(woken.next_due(now), Some(now), "stuck at {now}"),
        }
    }
    assert_eq!(on_wake, every_minute);
    assert!(
        every_minute
            .windows(2)
            .all(|w| w[1].0 - w[0].0 >= mins(SPACING_MINS))
    );
    let count = |kind| kinds(&every_minute).iter().filter(|k| **k == kind).count();
    assert_eq!(count(ReminderKind::CheckIn), 5);
    assert_eq!(count(ReminderKind::Strength), 3);
    assert!(count(ReminderKind::StretchBreak) >= 15);
}

#[test]
fn texts_are_plain_sentence_case() {
    for kind in ReminderKind::ALL {
        let r = Reminder::new(kind, &DayFacts::default(), 3);
        assert!(!r.body.is_empty() && !r.body.contains("  "), "{}", r.body);
        let rest: String = r.title.chars().skip(1).collect();
        assert_eq!(rest, rest.to_lowercase(), "{}", r.title);
        assert!(!kind.label().is_empty() && !kind.code().is_empty());
    }
}

#[test]
fn nothing_is_due_while_away() {
    let nothing_done = DayFacts::default();
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::Posture, mon("09:00"));
    s.away(mon("09:20"));
    assert!(s.is_away());
    // Posture, the stretch break and the check-in all fall in this span.
    assert_eq!(
        poll(&mut s, mon("09:20"), mon("18:00"), &nothing_done),
        vec![]
    );
    assert_eq!(s.next_due(mon("12:00")), None);
    // Idle, then locked: the earlier moment holds.
    s.away(mon("09:40"));
    assert_eq!(s.state().away_since, Some(mon("09:20")));
}

#[test]
fn back_after_a_break_restarts_posture_and_stretch() {
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::StretchBreak, mon("09:00"));
    s.away(mon("09:20"));
    s.back(mon("09:20") + mins(BREAK_MINS));
    assert!(!s.is_away());
    assert_eq!(s.next_due(mon("09:25")), Some(mon("09:55")));
    let shown = poll(&mut s, mon("09:25"), mon("11:26"), &DONE);
    assert_eq!(shown.first(), Some(&(mon("09:55"), ReminderKind::Posture)));
    // The stretch break counts two hours from the return, not from 09:00.
    assert_eq!(
        shown.last(),
        Some(&(mon("11:25"), ReminderKind::StretchBreak))
    );
}

#[test]
fn a_long_absence_brings_no_catch_up() {
    let mut s = Scheduler::new(posture_only());
    assert!(s.due(mon("09:00"), &DONE).is_some());
    s.snooze(mon("09:01"));
    s.away(mon("09:01"));
    s.back(mon("11:00"));
    assert_eq!(s.state().snoozed, None);
    assert_eq!(poll(&mut s, mon("11:00"), mon("11:30"), &DONE), vec![]);
    assert_eq!(
        s.due(mon("11:30"), &DONE).map(|r| r.kind),
        Some(ReminderKind::Posture)
    );
}

#[test]
fn a_short_absence_keeps_the_timers() {
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::StretchBreak, mon("09:00"));
    s.away(mon("09:20"));
    s.back(mon("09:20") + mins(BREAK_MINS - 1));
    assert_eq!(s.next_due(mon("09:24")), Some(mon("09:30")));

    // A deadline that ran out meanwhile gives one reminder on return.
    s.away(mon("09:28"));
    s.back(mon("09:31"));
    let shown = poll(&mut s, mon("09:31"), mon("10:01"), &DONE);
    assert_eq!(shown, vec![(mon("09:31"), ReminderKind::Posture)]);
}

#[test]
fn deadlines_count_through_a_suspend() {
    // Asleep from 09:10 to 09:13: the wall clock went on, so the posture
    // check stays at 09:30, not 09:33.
    let mut s = Scheduler::new(posture_only());
    s.acknowledge(ReminderKind::Posture, mon("09:00"));
    s.away(mon("09:10"));
    s.back(mon("09:13"));
    assert_eq!(s.next_due(mon("09:13")), Some(mon("09:30")));

    // Without a word about the sleep (no login manager), a posture check due
    // while asleep comes on waking.
    let mut s = Scheduler::new(posture_only());
    s.acknowledge(ReminderKind::Posture, mon("09:00"));
    assert_eq!(s.next_due(mon("09:10")), Some(mon("09:30")));
    assert_eq!(
        s.due(mon("09:34"), &DONE).map(|r| r.kind),
        Some(ReminderKind::Posture)
    );
}

#[test]
fn waking_after_hours_of_sleep_gives_one_reminder_at_a_time() {
    // Wednesday: behind on strengthening and not checked in. Asleep from
    // 11:30 to 17:30, past the stretch break, the strengthening nudge and
    // the check-in.
    let wed = |hm: &str| t(&format!("2026-03-04T{hm}:00+01:00"));
    let nothing_done = DayFacts::default();
    let mut s = Scheduler::default();
    s.acknowledge(ReminderKind::StretchBreak, wed("11:00"));
    s.away(wed("11:30"));
    s.back(wed("17:30"));
    let shown = poll(&mut s, wed("17:30"), wed("18:00"), &nothing_done);
    assert_eq!(
        shown,
        vec![
            (wed("17:30"), ReminderKind::CheckIn),
            (wed("17:40"), ReminderKind::Strength),
        ]
    );

    // The clock jumping three hours ahead, with no word of it: one reminder.
    let mut s = Scheduler::new(posture_only());
    assert!(s.due(mon("09:00"), &DONE).is_some());
    let shown = poll(&mut s, mon("12:00"), mon("12:30"), &DONE);
    assert_eq!(shown, vec![(mon("12:00"), ReminderKind::Posture)]);
}
