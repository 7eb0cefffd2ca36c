package org.socialledger.simulator.deploy;

import com.rabbitmq.client.ConnectionFactory;

/** The AMQP 0-9-1 broker the tills and the service meet at. */
public record Broker(String host, int port, String user, String password) {

    /** A connection factory that reconnects by itself, as a till's would after a broker restart. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(user);
        factory.setPassword(password);
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(1_000);
        return factory;
    }
}
