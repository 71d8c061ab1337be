//! The kubeconfig engine: which files are in force, the merged view kubectl sees, and safe,
//! order-preserving edits. It knows nothing of Alibaba Cloud.

mod document;
mod edit;
mod load;
mod paths;
mod resolve;
mod skim;
mod sparse;

pub use document::{Document, DocumentError, Section, extension, set_extension};
pub use edit::{DEFAULT_LOCK_TIMEOUT, EditError, Editor};
pub use load::{ContextViews, KubeconfigView, LoadError, LoadedFile, Sourced, check_readable, resolve_relative};
pub use paths::{KubeconfigPaths, NoHomeDirectory};
pub use resolve::{ContextError, Material, ResolvedContext, UserAuth};
pub use skim::ContextLinks;
#[doc(hidden)]
pub use skim::squeezing_changes_nothing;
