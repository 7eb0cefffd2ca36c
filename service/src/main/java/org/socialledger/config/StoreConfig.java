package org.socialledger.config;

/** A row of soc_processing_stores: which merchant configuration a store uses. */
public record StoreConfig(String storeId, int merchant) {
}
