/**
 * Running the pieces of a deployment from the simulator: the service jar as a child process
 * (started, killed with SIGKILL, restarted, measured), the database and the broker it talks to.
 */
package org.socialledger.simulator.deploy;
