/**
 * The documents of SPEC §2 and §3 as records: {@link io.edgeroute.shared.model.Site},
 * {@link io.edgeroute.shared.model.TableEntry}, {@link io.edgeroute.shared.model.Table},
 * {@link io.edgeroute.shared.model.Tenant}, {@link io.edgeroute.shared.model.TokenRecord} and
 * their parts.
 *
 * <p>Two doors, on purpose: {@code fromJson} is tolerant (ignores unknown fields, fills defaults)
 * because it also reads what platforms write straight into the KV store, while client input to the
 * admin API first passes {@code validation.SiteValidator} / {@code EntryValidator}, which are
 * strict and report every problem. {@code toJson} omits absent optionals, and
 * {@code X.fromJson(x.toJson()).equals(x)} holds for every record.
 */
package io.edgeroute.shared.model;
