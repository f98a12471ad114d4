//! The gate's last line: which tiers ran and how they ended, counts per tier and level, what was
//! skipped and why.

use std::io::{self, Write};

use serde::Serialize;

use crate::check::Format;
use crate::record::{Level, Record, Tier};

/// How a tier ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TierStatus {
    /// No deny-level finding.
    Passed,
    /// At least one deny-level finding.
    Failed,
    /// cargo failed without a finding that explains it (exit status 2).
    Error,
    /// Not run.
    Skipped,
}

/// One tier in the summary.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TierSummary {
    pub(crate) tier: Tier,
    pub(crate) status: TierStatus,
    pub(crate) deny: usize,
    pub(crate) warn: usize,
    /// Deny-level records caused by an earlier one (hidden unless `--show-caused`).
    pub(crate) caused: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) notes: Vec<String>,
}

/// The summary of a run.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Summary {
    pub(crate) tiers: Vec<TierSummary>,
    /// Why cargo failed, when it did without a finding (exit status 2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) errors: Vec<String>,
    pub(crate) exit: u8,
}

impl Summary {
    pub(crate) fn skip(&mut self, tier: Tier, reason: String) {
        self.tiers.push(TierSummary {
            tier,
            status: TierStatus::Skipped,
            deny: 0,
            warn: 0,
            caused: 0,
            notes: vec![reason],
        });
    }

    pub(crate) fn ran(
        &mut self,
        tier: Tier,
        status: TierStatus,
        notes: Vec<String>,
        error: Option<String>,
    ) {
        if let Some(error) = error {
            self.errors
                .push(format!("tier {}: {error}", u8::from(tier)));
        }
        self.tiers.push(TierSummary {
            tier,
            status,
            deny: 0,
            warn: 0,
            caused: 0,
            notes,
        });
    }

    /// Fills in the counts from the final records.
    pub(crate) fn count(&mut self, records: &[Record]) {
        for tier in &mut self.tiers {
            let of_tier = records.iter().filter(|record| record.tier == tier.tier);
            for record in of_tier {
                match (record.level, record.caused_by) {
                    (Level::Deny, Some(_)) => tier.caused += 1,
                    (Level::Deny, None) => tier.deny += 1,
                    (Level::Warn, _) => tier.warn += 1,
                }
            }
        }
    }

    fn line(&self) -> String {
        let tiers: Vec<String> = self
            .tiers
            .iter()
            .map(|tier| {
                let name = match tier.tier {
                    Tier::Compile => "1 compile",
                    Tier::Lint => "2 lint",
                    Tier::Test => "3 tests",
                };
                let status = match tier.status {
                    TierStatus::Passed => "passed",
                    TierStatus::Failed => "failed",
                    TierStatus::Error => "error",
                    TierStatus::Skipped => "skipped",
                };
                let mut text = format!("tier {name}: {status}");
                if tier.status != TierStatus::Skipped {
                    text.push_str(&format!(" ({} deny, {} warn", tier.deny, tier.warn));
                    if tier.caused > 0 {
                        text.push_str(&format!(", {} caused by another", tier.caused));
                    }
                    text.push(')');
                }
                for note in &tier.notes {
                    text.push_str(&format!("; {note}"));
                }
                text
            })
            .collect();
        tiers.join("\n")
    }
}

/// Writes the records and the summary in `format`.
pub(crate) fn write(
    out: &mut impl Write,
    format: Format,
    records: &[Record],
    summary: &Summary,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for record in records {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(record).map_err(io::Error::other)?
                )?;
            }
            let line = serde_json::json!({ "summary": summary });
            writeln!(out, "{line}")
        }
        Format::Human | Format::Json | Format::Sarif => {
            for record in records {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(record).map_err(io::Error::other)?
                )?;
            }
            writeln!(out, "{}", summary.line())?;
            for error in &summary.errors {
                writeln!(out, "error: {error}")?;
            }
            Ok(())
        }
    }
}
