package io.zohosync.adapters.postgres.intake;

/**
 * The intake's shared transactions (group commit) so far: those committed, and those rolled back, whose requests then
 * ran again each in a transaction of its own. Rollbacks are rare (a request PostgreSQL refuses, a deadlock); many of
 * them would mean the batched steps fail and every request runs alone, correct but slow.
 */
public record IntakeGroups(long committed, long rolledBack) {}
