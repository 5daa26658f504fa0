/**
 * The visitor gate: what the router refuses before anything reads a request (SPEC §4a,
 * docs/security.md).
 *
 * <p>A request walks through it like this. {@link io.edgeroute.router.gate.VisitorConnections}
 * counts the new connection against {@code router.maxConnections} and puts a
 * {@link io.edgeroute.router.gate.VisitorGate} in front of Vert.x's HTTP decoder. The gate collects
 * the head, and {@link io.edgeroute.router.gate.RequestHead} checks it line by line:
 * {@link io.edgeroute.router.gate.RequestLine} (method, target form, version), the path through
 * {@link io.edgeroute.router.gate.RequestPath} (the one normaliser), header names and values
 * ({@link io.edgeroute.router.gate.Tokens}), and the framing (one plain Content-Length, or exactly
 * {@code chunked}). The rewritten head goes on to the decoder; the body follows byte for byte, its
 * chunk-size lines checked by {@link io.edgeroute.router.gate.ChunkLine} and re-written, its trailers
 * by {@link io.edgeroute.router.gate.Trailers}. {@link io.edgeroute.router.gate.GateClocks} times the
 * head and the idle gaps. Anything wrong is a {@link io.edgeroute.router.gate.Refusal}, answered by
 * {@link io.edgeroute.router.gate.Refusals} (in turn after earlier pipelined requests) before the
 * connection is closed.
 */
package io.edgeroute.router.gate;
