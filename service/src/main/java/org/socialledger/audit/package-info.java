/**
 * What an auditor needs beyond the read models: every payment's events carry a hash chained to
 * the previous one ({@link HashChain}), and {@link ChainVerifier} walks the store and names every
 * payment whose history was altered or has a gap.
 */
package org.socialledger.audit;
