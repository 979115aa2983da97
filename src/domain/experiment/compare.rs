//! Before and during: the comparison behind an experiment's verdict.
