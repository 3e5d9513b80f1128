//! pivot: an honest, personal six-month plan for moving into an AI role, from a short YAML
//! profile, as Markdown, PDF, iCalendar and JSON.

pub mod app;
pub mod batch;
pub mod catalog;
pub mod catalog_view;
pub mod cli;
pub mod error;
pub mod identity;
pub mod input;
pub mod manual;
pub mod output;
pub mod plan;
pub mod profile;
pub mod progress;
pub mod questions;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod starter;
pub mod suggest;
pub mod words;
pub mod yaml;

pub use catalog::Catalog;
pub use error::Error;
pub use plan::Plan;
pub use profile::Profile;

/// What a scoped thread returned; a panic on it goes on as a panic on the thread that waits.
pub(crate) fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
