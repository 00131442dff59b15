// Package shard splits the work of a scsim command (the replications of
// its runs) into N deterministic shards balanced by estimated work, writes
// the raw per-replication results a shard computed to a partial-result
// file, and reads such files back for the merge, checking that they belong
// together and are whole.
//
// The partial format (scsim/partial/v1) is described in docs/sharding.md:
// a gzip'd stream of JSON lines, a header, one record per replication and
// a trailer carrying the record count and the SHA-256 of the lines before
// it, so that a truncated or altered file is refused.
package shard
