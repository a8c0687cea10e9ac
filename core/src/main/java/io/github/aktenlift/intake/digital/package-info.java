/**
 * Internal: digital intake — checking a transfer's documents against their declared hashes,
 * storing them and the intake record, registering the transfer, and reading its outcome. Not
 * exported.
 */
package io.github.aktenlift.intake.digital;
