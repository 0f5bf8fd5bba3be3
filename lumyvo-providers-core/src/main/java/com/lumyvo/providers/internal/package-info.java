/**
 * Not exported: what the API packages share, the texts for people above all. Everything is
 * non-null unless documented.
 */
package com.lumyvo.providers.internal;
