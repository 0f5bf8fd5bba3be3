/**
 * Connectors that verify accounts, read, sort, watch and send mail through a provider described
 * by {@link com.lumyvo.providers.ProviderDescriptor}.
 *
 * <p>Nothing here accepts or returns {@code null} unless its Javadoc says so; configuration
 * methods throw {@link java.lang.NullPointerException} naming the parameter.
 */
package com.lumyvo.providers.mail;
