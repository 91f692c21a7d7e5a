/**
 * Load harnesses: end-to-end benchmarks on loopback, bounded in count and time.
 */
@NullMarked
package dev.apigw.websocket.benchmarks;

import org.jspecify.annotations.NullMarked;
