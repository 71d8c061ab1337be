//! Calls to many clusters at once, at most `limit` in flight (ACK throttles per account): the one
//! place `--all`, `prune`, `audit --all` and `offboard` fan out.

use std::cell::RefCell;
use std::future::Future;
use std::io::Write;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::session::Session;
use crate::output::{self, SharedWriter};

/// How many calls `--all`-style commands keep in flight unless told otherwise.
pub const DEFAULT_LIMIT: usize = 8;

/// Runs `call` on each item, at most `limit` at a time; the results come back in the order of `items`.
/// `progress` hears `(done, total)` as calls finish.
pub async fn each<T, R, F, Fut>(items: Vec<T>, limit: usize, call: F, progress: &mut dyn FnMut(usize, usize)) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let total = items.len();
    let permits = Arc::new(Semaphore::new(limit.max(1)));
    let mut tasks = JoinSet::new();
    for (position, item) in items.into_iter().enumerate() {
        let permits = permits.clone();
        let future = call(item);
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("the semaphore is never closed");
            (position, future.await)
        });
    }
    let mut results = Vec::with_capacity(total);
    while let Some(joined) = tasks.join_next().await {
        results.push(joined.expect("a call task does not panic"));
        progress(results.len(), total);
    }
    results.sort_by_key(|(position, _)| *position);
    results.into_iter().map(|(_, result)| result).collect()
}

/// [`each`] run on the session, with a progress line (`line(done, total)`) on stderr when it is a
/// terminal, and the session's verbose lines after it.
pub fn each_with_progress<T, R, F, Fut>(
    session: &Session,
    err: &mut dyn Write,
    on_terminal: bool,
    (items, limit): (Vec<T>, usize),
    call: F,
    line: impl Fn(usize, usize) -> String,
) -> Vec<R>
where
    F: Fn(T) -> Fut,
    Fut: Future<Output = R> + Send + 'static,
    R: Send + 'static,
{
    let err = RefCell::new(err);
    let mut progress = |done: usize, total: usize| {
        if on_terminal {
            output::progress(&mut **err.borrow_mut(), &line(done, total), done == total);
        }
    };
    session.run(&mut SharedWriter(&err), each(items, limit, call, &mut progress))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn results_keep_the_order_and_no_more_than_the_limit_run_at_once() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut heard = Vec::new();
        let results = runtime.block_on(each(
            (0..20u64).collect(),
            3,
            |n| {
                let (running, most) = (running.clone(), most.clone());
                async move {
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    tokio::time::sleep(std::time::Duration::from_millis(20 - n)).await;
                    running.fetch_sub(1, Ordering::SeqCst);
                    n * 2
                }
            },
            &mut |done, total| heard.push((done, total)),
        ));
        assert_eq!(results, (0..20u64).map(|n| n * 2).collect::<Vec<_>>());
        assert!(most.load(Ordering::SeqCst) <= 3, "{} at once", most.load(Ordering::SeqCst));
        assert_eq!(heard.last(), Some(&(20, 20)));
    }
}
