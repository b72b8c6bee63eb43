package io.zohosync.ports.sync.handler;

/** One entity of a batch, with the Zoho id its record is linked to (null before its first write). */
public record BatchItem<E>(E entity, String zohoId) {}
