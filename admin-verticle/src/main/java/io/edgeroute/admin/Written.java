package io.edgeroute.admin;

import io.vertx.core.json.JsonObject;

/**
 * The outcome of a create-or-replace write.
 *
 * @param document   the stored document, as answered to the client
 * @param version    its new version (the ETag)
 * @param oldVersion the version it replaced
 * @param created    whether the write created it (201) rather than replaced it (200)
 */
record Written(JsonObject document, long version, long oldVersion, boolean created) {
}
