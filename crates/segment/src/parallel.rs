//! Reading a long document on every core.
//!
//! Three steps of segmentation look at one piece of the document at a time: each line's layout
//! (is it a time, a banner, a label, a list item?), the joining of each block of lines into
//! units, and the splitting of each unit into sentences. Only the speaker labelling between them
//! carries state from line to line. For a long document (a book-length transcript, a folder
//! concatenated into one file) those steps run on rayon's pool; the result is the same as one
//! thread's, in the same order. Short documents stay on the calling thread: callers that code
//! many documents already spread documents over the cores, and a pool hand-off costs more than
//! a short document's segmentation.

use rayon::prelude::*;

/// Documents of at least this many bytes are segmented on every core.
pub(crate) const PARALLEL_BYTES: usize = 256 * 1024;

/// True when `text` is long enough for its lines to be read in parallel.
pub(crate) fn worth_it(text: &str) -> bool {
    text.len() >= PARALLEL_BYTES
}

/// `f` over `items`, in order; in parallel when `parallel`.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], parallel: bool, f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if parallel {
        items.par_iter().with_min_len(256).map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// [`map`] with a scratch value per worker (made by `init`), as [`rayon`]'s `map_init`.
pub(crate) fn map_init<T: Sync, S, R: Send>(
    items: &[T],
    parallel: bool,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &T) -> R + Sync + Send,
) -> Vec<R> {
    if parallel {
        items.par_iter().with_min_len(256).map_init(init, f).collect()
    } else {
        let mut scratch = init();
        items.iter().map(|item| f(&mut scratch, item)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_and_sequential_maps_agree_in_order() {
        let items: Vec<usize> = (0..10_000).collect();
        let square = |x: &usize| x * x;
        assert_eq!(map(&items, true, square), map(&items, false, square));
        let with_scratch = |s: &mut Vec<usize>, x: &usize| {
            s.push(*x);
            x + 1
        };
        assert_eq!(map_init(&items, true, Vec::new, with_scratch), map_init(&items, false, Vec::new, with_scratch));
    }
}
