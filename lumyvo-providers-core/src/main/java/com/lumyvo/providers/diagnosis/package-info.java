/**
 * Turning failures into diagnoses a person can act on: {@link
 * com.lumyvo.providers.diagnosis.ErrorClassifier} reads an exception or a server reply and
 * answers with a {@link com.lumyvo.providers.diagnosis.Diagnosis} of one stable {@link
 * com.lumyvo.providers.diagnosis.FailureKind}.
 *
 * <p>Nothing here depends on a mail library: exceptions are read by their standard JDK types, by
 * the names of their classes and by their messages, so that the mail module hands its Jakarta
 * Mail exceptions over as they are.
 */
package com.lumyvo.providers.diagnosis;
