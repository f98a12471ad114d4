//! The gate's part of the summary that closes every output: which tiers ran and how each ended,
//! counts per tier and level, what was skipped and why.

use crate::record::{Level, Record, Summary, Tier, TierStatus, TierSummary};

/// Notes a tier that did not run, and why.
pub(crate) fn skip(summary: &mut Summary, tier: Tier, reason: String) {
    summary.tiers.push(TierSummary {
        tier,
        status: TierStatus::Skipped,
        deny: 0,
        warn: 0,
        caused: 0,
        notes: vec![reason],
    });
}

/// Notes a tier that ran; `error` is cargo's failure when nothing explains it.
pub(crate) fn ran(
    summary: &mut Summary,
    tier: Tier,
    status: TierStatus,
    notes: Vec<String>,
    error: Option<String>,
) {
    if let Some(error) = error {
        summary
            .errors
            .push(format!("tier {}: {error}", u8::from(tier)));
    }
    summary.tiers.push(TierSummary {
        tier,
        status,
        deny: 0,
        warn: 0,
        caused: 0,
        notes,
    });
}

/// Fills in each tier's counts from the final records (caused ones counted apart).
pub(crate) fn count(summary: &mut Summary, records: &[Record]) {
    for tier in &mut summary.tiers {
        for record in records.iter().filter(|record| record.tier == tier.tier) {
            match (record.level, record.caused_by) {
                (Level::Deny, Some(_)) => tier.caused += 1,
                (Level::Deny, None) => tier.deny += 1,
                (Level::Warn, _) => tier.warn += 1,
            }
        }
    }
}

/// The exit status: 2 when cargo failed without a finding, 1 for a deny-level record, else 0.
pub(crate) fn exit_status(summary: &Summary, records: &[Record]) -> u8 {
    if !summary.errors.is_empty() {
        2
    } else {
        u8::from(records.iter().any(|record| record.level == Level::Deny))
    }
}

#[cfg(test)]
mod tests {
    use super::{count, exit_status, ran, skip};
    use crate::record::{Level, Record, Source, Summary, Tier, TierStatus};

    fn record(tier: Tier, level: Level, caused_by: Option<usize>) -> Record {
        Record {
            tier,
            source: Source::Rustc,
            code: String::from("E0308"),
            level,
            span: None,
            message: String::from("mismatched types"),
            why: None,
            fix: None,
            suppress: None,
            docs: None,
            caused_by,
        }
    }

    #[test]
    fn counts_are_per_tier_and_level_with_caused_errors_apart() {
        let mut summary = Summary::default();
        ran(
            &mut summary,
            Tier::Compile,
            TierStatus::Failed,
            Vec::new(),
            None,
        );
        skip(
            &mut summary,
            Tier::Lint,
            String::from("an earlier tier failed"),
        );
        let records = [
            record(Tier::Compile, Level::Deny, None),
            record(Tier::Compile, Level::Deny, Some(0)),
            record(Tier::Compile, Level::Warn, None),
        ];
        count(&mut summary, &records);
        let tier = &summary.tiers[0];
        assert_eq!((tier.deny, tier.warn, tier.caused), (1, 1, 1));
        assert_eq!(summary.tiers[1].status, TierStatus::Skipped);
        assert_eq!(exit_status(&summary, &records), 1);
        assert_eq!(exit_status(&summary, &records[2..]), 0);
    }

    #[test]
    fn a_cargo_failure_exits_with_two() {
        let mut summary = Summary::default();
        ran(
            &mut summary,
            Tier::Test,
            TierStatus::Error,
            Vec::new(),
            Some(String::from("`cargo test` failed: linker not found")),
        );
        assert_eq!(
            summary.errors,
            ["tier 3: `cargo test` failed: linker not found"]
        );
        assert_eq!(exit_status(&summary, &[]), 2);
    }
}
