/**
 * The GeoIP lookup of the location risk signals: the application's MaxMind {@code .mmdb} file
 * ({@code stepwise.mfa.geoip.database}), read with MaxMind's reader, an optional dependency that only
 * {@link dev.stepwise.mfa.runtime.geo.MaxMindLocator} names. Not API.
 */
package dev.stepwise.mfa.runtime.geo;
