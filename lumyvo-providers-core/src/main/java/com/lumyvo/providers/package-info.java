/**
 * Provider descriptors, the registry that finds them by address or domain, and app passwords.
 *
 * <h2>Null policy</h2>
 * Nothing in this package accepts or returns {@code null} unless its Javadoc says so; absence is
 * {@link java.util.Optional}. Methods that take what a person typed or pasted
 * ({@link ProviderRegistry#lookup(String)}, {@link EmailAddress#parse(String)},
 * {@link AppPassword#of(CharSequence)}) treat {@code null} as malformed input and throw
 * {@link java.lang.IllegalArgumentException}; configuration methods (builders, constructors) throw
 * {@link java.lang.NullPointerException} naming the parameter.
 *
 * <h2>Immutability</h2>
 * Every value type here is immutable and safe to share between threads; collections they return
 * are unmodifiable copies.
 */
package com.lumyvo.providers;
