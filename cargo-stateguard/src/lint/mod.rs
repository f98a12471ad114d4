//! `cargo stateguard lint`: the dangerous patterns that compile cleanly (tier 2).
//!
//! [`run`] reads the workspace from `cargo metadata`, walks each target's module tree from its root
//! file, checks the files in parallel with the rules of [`rules`], applies suppression comments and the
//! configuration, and returns [`Record`]s plus a [`Summary`]; the gate (`cargo stateguard check`) calls it
//! in-process.

mod async_scope;
pub(crate) mod command;
pub(crate) mod context;
pub(crate) mod fix;
mod imports;
mod modtree;
pub(crate) mod rules;
mod source;
mod suppress;
mod workspace;

use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::Instant;

use context::{CrateFacts, FileContext, Finding, TargetFacts};
use imports::Imports;
use source::SourceFile;
use suppress::Suppression;

use crate::config::{Config, Setting};
use crate::record::{Level, Record, RuleMeta, Skipped, Source, Summary, Tier};

/// What to check and how.
#[derive(Debug, Default, Clone)]
pub(crate) struct LintOptions {
    /// The workspace's (or a package's) `Cargo.toml`; the current directory's when `None`.
    pub(crate) manifest_path: Option<PathBuf>,
    /// Only these workspace members (all when empty).
    pub(crate) packages: Vec<String>,
    /// Also check test code: `#[test]`, `#[cfg(test)]`, test, bench and example targets, test paths.
    pub(crate) include_tests: bool,
    /// Also check every package of the dependency graph (a survey of published code).
    pub(crate) dependencies: bool,
    /// Every crate is taken as a C library (a survey of G0407 on crates that are not).
    pub(crate) as_c_library: bool,
    /// Worker threads; the number of cores when `None`.
    pub(crate) jobs: Option<NonZeroUsize>,
}

/// What a run found.
#[derive(Debug)]
pub(crate) struct LintOutcome {
    /// The workspace root; record files are relative to it.
    pub(crate) root: PathBuf,
    /// Sorted by file, line, column and code.
    pub(crate) records: Vec<Record>,
    pub(crate) summary: Summary,
    /// Files that could not be read or were not UTF-8 (they are in `summary.skipped` too).
    pub(crate) io_errors: usize,
}

/// Why a run could not be done (exit status 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Error {
    /// A bad command line (an unknown package, an unknown code, a dirty tree for `--fix`).
    Usage(String),
    /// `cargo metadata` failed: a missing or broken manifest, a path that is not a crate.
    Manifest(String),
    /// A bad `[*.metadata.stateguard]` table.
    Config(String),
    /// Reading or writing a file failed.
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message)
            | Error::Manifest(message)
            | Error::Config(message)
            | Error::Io(message) => formatter.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// The rules' metadata, for SARIF and `--explain`.
pub(crate) fn rule_metas() -> Vec<RuleMeta> {
    rules::all()
        .map(|info| RuleMeta {
            code: info.code.to_owned(),
            name: info.name.to_owned(),
            summary: info.summary.to_owned(),
            default_level: info.default_level,
            help: rules::explain(info),
            docs: rules::docs_url(info.code),
        })
        .collect()
}

/// Checks the workspace `options` names.
pub(crate) fn run(options: &LintOptions) -> Result<LintOutcome, Error> {
    let started = Instant::now();
    let workspace = workspace::load(&workspace::Selection {
        manifest_path: options.manifest_path.as_deref(),
        packages: &options.packages,
        dependencies: options.dependencies,
    })?;
    let mut targets = Vec::new();
    let mut roots = Vec::new();
    for package in &workspace.packages {
        for target in &package.targets {
            if target.is_test_like() && !options.include_tests {
                continue;
            }
            roots.push(Job {
                target: targets.len(),
                path: target.src_path.clone(),
                is_mod_rs: true,
                cfg_gated: false,
            });
            targets.push(TargetPlan {
                facts: TargetFacts {
                    exports_c: target.exports_c() || options.as_c_library,
                    edition: target.edition.clone(),
                    has_tokio: package.has_tokio,
                },
                config: &package.config,
            });
        }
    }
    let engine = Engine {
        root: &workspace.root,
        targets: &targets,
        include_tests: options.include_tests,
        crate_facts: Mutex::new(vec![CrateFacts::default(); targets.len()]),
    };
    let jobs = options
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let mut outcomes = engine.discover_and_check(roots, jobs);
    let crate_facts = engine
        .crate_facts
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let deferred: Vec<usize> = outcomes
        .iter()
        .enumerate()
        .filter(|(_, outcome)| outcome.deferred)
        .map(|(index, _)| index)
        .collect();
    let engine = Engine {
        crate_facts: Mutex::new(Vec::new()),
        ..engine
    };
    let late = engine.check_deferred(&outcomes, &deferred, &crate_facts, jobs);
    for (index, findings) in late {
        outcomes[index].findings.extend(findings);
    }
    let mut summary = Summary {
        rules: rule_metas(),
        ..Summary::default()
    };
    let mut records = Vec::new();
    let mut io_errors = 0;
    for outcome in outcomes {
        summary.skipped.extend(outcome.skipped);
        io_errors += usize::from(outcome.io_error);
        if !outcome.checked {
            continue;
        }
        summary.files_checked += 1;
        let mut findings = outcome.findings;
        let mut suppressions = outcome.suppressions;
        summary.suppressed += suppress::apply(&mut findings, &mut suppressions);
        let config = targets[outcome.target].config;
        records.extend(
            findings
                .into_iter()
                .filter_map(|finding| to_record(finding, config)),
        );
    }
    records.sort_by(|left, right| {
        let key = |record: &Record| {
            record
                .span
                .as_ref()
                .map(|span| (span.file.clone(), span.line, span.column))
                .unwrap_or_default()
        };
        key(left)
            .cmp(&key(right))
            .then_with(|| left.code.cmp(&right.code))
    });
    records.dedup();
    summary
        .skipped
        .sort_by(|left, right| left.path.cmp(&right.path));
    summary.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    Ok(LintOutcome {
        root: workspace.root,
        records,
        summary,
        io_errors,
    })
}

/// A finding as a record, at its configured level; `None` when the rule is set to `allow`.
fn to_record(finding: Finding, config: &Config) -> Option<Record> {
    let info = rules::find(finding.code)?;
    let level = match config.levels.get(info.code) {
        Some(Setting::Allow) => return None,
        Some(Setting::Deny) => Level::Deny,
        Some(Setting::Warn) => Level::Warn,
        None => info.default_level,
    };
    let suppress = (info.code != rules::G0409.code && info.code != rules::G0400.code).then(|| {
        format!(
            "// stateguard: allow({}) reason: <why this place is fine>",
            info.code
        )
    });
    Some(Record {
        tier: Tier::Lint,
        source: Source::Lint,
        code: info.code.to_owned(),
        level,
        span: Some(finding.span),
        message: finding.message,
        why: Some(finding.why.unwrap_or_else(|| info.why.to_owned())),
        fix: finding.fix,
        suppress,
        docs: Some(rules::docs_url(info.code)),
        caused_by: None,
    })
}

struct TargetPlan<'a> {
    facts: TargetFacts,
    config: &'a Config,
}

struct Job {
    target: usize,
    path: PathBuf,
    is_mod_rs: bool,
    /// Declared under a `cfg`: a parse failure may be meant for another configuration.
    cfg_gated: bool,
}

/// What checking one file gave.
#[derive(Debug, Default)]
struct FileOutcome {
    target: usize,
    cfg_gated: bool,
    path: PathBuf,
    findings: Vec<Finding>,
    suppressions: Vec<Suppression>,
    skipped: Vec<Skipped>,
    /// Parsed and checked (perhaps only to report that it does not parse).
    checked: bool,
    io_error: bool,
    /// The rules that need the whole crate's facts still have to run on it.
    deferred: bool,
}

struct Engine<'a> {
    root: &'a Path,
    targets: &'a [TargetPlan<'a>],
    include_tests: bool,
    crate_facts: Mutex<Vec<CrateFacts>>,
}

struct Queue {
    jobs: VecDeque<Job>,
    in_flight: usize,
    seen: HashSet<PathBuf>,
}

impl Engine<'_> {
    /// Walks the module trees from `roots`, checking each file as it is found, on `jobs` threads.
    ///
    /// Scoped threads rather than a thread pool crate: a syn tree is not `Send` (proc-macro2 spans), so
    /// each file is parsed, checked and dropped on one thread, and the queue grows while it is worked on
    /// (a parsed file names its modules).
    fn discover_and_check(&self, roots: Vec<Job>, jobs: usize) -> Vec<FileOutcome> {
        let mut seen = HashSet::new();
        let mut initial = VecDeque::new();
        for root in roots {
            if seen.insert(root.path.clone()) {
                initial.push_back(root);
            }
        }
        let queue = Mutex::new(Queue {
            jobs: initial,
            in_flight: 0,
            seen,
        });
        let ready = Condvar::new();
        let outcomes = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    while let Some(job) = next_job(&queue, &ready) {
                        let (outcome, children) = self.check_file(&job);
                        mine.push(outcome);
                        let mut state = lock(&queue);
                        for child in children {
                            if state.seen.insert(child.path.clone()) {
                                state.jobs.push_back(child);
                            }
                        }
                        state.in_flight -= 1;
                        ready.notify_all();
                    }
                    lock(&outcomes).extend(mine);
                });
            }
        });
        outcomes
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs the rules that need crate facts on the deferred files; returns their findings by index.
    fn check_deferred(
        &self,
        outcomes: &[FileOutcome],
        deferred: &[usize],
        crate_facts: &[CrateFacts],
        jobs: usize,
    ) -> Vec<(usize, Vec<Finding>)> {
        let next = Mutex::new(deferred.iter().copied());
        let results = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(deferred.len()) {
                scope.spawn(|| {
                    loop {
                        let Some(index) = lock(&next).next() else {
                            break;
                        };
                        let outcome = &outcomes[index];
                        let findings = self.check_late(outcome, &crate_facts[outcome.target]);
                        lock(&results).push((index, findings));
                    }
                });
            }
        });
        results
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(self.root).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }

    /// Reads and parses a file; `None` when it cannot be checked (the outcome says why).
    fn read(&self, outcome: &mut FileOutcome) -> Option<(SourceFile, syn::File)> {
        let rel_path = self.relative(&outcome.path);
        let bytes = match std::fs::read(&outcome.path) {
            Ok(bytes) => bytes,
            Err(error) => {
                outcome.skipped.push(Skipped {
                    path: rel_path,
                    reason: format!("could not be read: {error}"),
                });
                outcome.io_error = true;
                return None;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let offset = error.utf8_error().valid_up_to();
                outcome.skipped.push(Skipped {
                    path: rel_path,
                    reason: format!("is not UTF-8 (invalid byte at offset {offset})"),
                });
                outcome.io_error = true;
                return None;
            }
        };
        let source = SourceFile::new(rel_path, text);
        outcome.checked = true;
        match syn::parse_file(&source.text) {
            Ok(mut file) => {
                if !self.include_tests {
                    modtree::strip_test_code(&mut file);
                }
                Some((source, file))
            }
            Err(error) if outcome.cfg_gated => {
                // A module under a `cfg` may hold text for another configuration (a file that is
                // only a `compile_error!` message when a feature is missing).
                let at = source.span(error.span());
                outcome.checked = false;
                outcome.skipped.push(Skipped {
                    path: source.rel_path.clone(),
                    reason: format!(
                        "declared under a `cfg` and does not parse ({error} at {}:{})",
                        at.line, at.column
                    ),
                });
                None
            }
            Err(error) if self.targets[outcome.target].facts.edition.as_str() < "2021" => {
                // Editions 2015 and 2018 allow syntax syn 3 does not read (anonymous trait parameters,
                // trait objects without `dyn`): not the user's mistake, but not checked either.
                let at = source.span(error.span());
                outcome.checked = false;
                outcome.skipped.push(Skipped {
                    path: source.rel_path.clone(),
                    reason: format!(
                        "edition {} syntax the parser does not read ({error} at {}:{})",
                        self.targets[outcome.target].facts.edition, at.line, at.column
                    ),
                });
                None
            }
            Err(error) => {
                let span = source.span(error.span());
                outcome.findings.push(Finding {
                    code: rules::G0400.code,
                    span,
                    message: format!("this file does not parse: {error}"),
                    why: None,
                    fix: None,
                });
                if source.text.contains("mod ") {
                    outcome.skipped.push(Skipped {
                        path: source.rel_path.clone(),
                        reason: "does not parse: the modules it declares were not checked".into(),
                    });
                }
                None
            }
        }
    }

    fn check_file(&self, job: &Job) -> (FileOutcome, Vec<Job>) {
        let plan = &self.targets[job.target];
        let mut outcome = FileOutcome {
            target: job.target,
            cfg_gated: job.cfg_gated,
            path: job.path.clone(),
            ..FileOutcome::default()
        };
        if !self.include_tests && plan.config.is_test_path(&job.path) {
            return (outcome, Vec::new());
        }
        let mut children = Vec::new();
        if let Some((source, file)) = self.read(&mut outcome) {
            let (found, missing) =
                modtree::child_modules(&file, &job.path, job.is_mod_rs, self.include_tests);
            children = found
                .into_iter()
                .map(|module| Job {
                    target: job.target,
                    path: module.path,
                    is_mod_rs: module.is_mod_rs,
                    cfg_gated: module.cfg_gated,
                })
                .collect();
            for module in missing {
                let tried: Vec<String> = module
                    .tried
                    .iter()
                    .map(|path| self.relative(path))
                    .collect();
                let reason = if module.cfg_gated {
                    format!(
                        "module `{}` is under a `cfg`, and none of {} exists",
                        module.name,
                        tried.join(", ")
                    )
                } else {
                    format!(
                        "module `{}` is declared, and none of {} exists",
                        module.name,
                        tried.join(", ")
                    )
                };
                outcome.skipped.push(Skipped {
                    path: source.rel_path.clone(),
                    reason,
                });
            }
            // Every file adds to the crate's facts (a callback's name may be used in another file); only
            // files with a transmute or a C function run the rules that read them, once all are in.
            let facts = CrateFacts::of_file(&file);
            outcome.deferred = facts.has_c_functions || source.text.contains("transmute");
            lock(&self.crate_facts)[job.target].merge(facts);
            let imports = Imports::collect(&file);
            let empty = CrateFacts::default();
            let cx = FileContext {
                file: &file,
                source: &source,
                imports: &imports,
                config: plan.config,
                target: &plan.facts,
                crate_facts: &empty,
            };
            for rule in rules::RULES {
                if !rule.needs_crate_facts() {
                    rule.check(&cx, &mut outcome.findings);
                }
            }
            outcome.suppressions = suppress::parse(&source, &mut outcome.findings);
            drop(file);
        }
        proc_macro2::extra::invalidate_current_thread_spans();
        (outcome, children)
    }

    fn check_late(&self, outcome: &FileOutcome, crate_facts: &CrateFacts) -> Vec<Finding> {
        let plan = &self.targets[outcome.target];
        let mut scratch = FileOutcome {
            target: outcome.target,
            cfg_gated: outcome.cfg_gated,
            path: outcome.path.clone(),
            ..FileOutcome::default()
        };
        let mut findings = Vec::new();
        if let Some((source, file)) = self.read(&mut scratch) {
            let imports = Imports::collect(&file);
            let cx = FileContext {
                file: &file,
                source: &source,
                imports: &imports,
                config: plan.config,
                target: &plan.facts,
                crate_facts,
            };
            for rule in rules::RULES {
                if rule.needs_crate_facts() {
                    rule.check(&cx, &mut findings);
                }
            }
            drop(file);
        }
        proc_macro2::extra::invalidate_current_thread_spans();
        findings
    }
}

fn next_job(queue: &Mutex<Queue>, ready: &Condvar) -> Option<Job> {
    let mut state = lock(queue);
    loop {
        if let Some(job) = state.jobs.pop_front() {
            state.in_flight += 1;
            return Some(job);
        }
        if state.in_flight == 0 {
            ready.notify_all();
            return None;
        }
        state = ready
            .wait(state)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
    }
}

/// Locks a mutex; a worker that panicked leaves its data usable (the panic itself is reported by the
/// scope).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
