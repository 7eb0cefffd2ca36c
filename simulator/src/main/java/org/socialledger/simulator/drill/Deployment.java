package org.socialledger.simulator.drill;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.socialledger.simulator.bank.BankSimulator;
import org.socialledger.simulator.bank.Cards;
import org.socialledger.simulator.demo.Options;
import org.socialledger.simulator.deploy.Broker;
import org.socialledger.simulator.deploy.Database;
import org.socialledger.simulator.deploy.ServiceProcess;
import org.socialledger.simulator.deploy.ShopConfiguration;

/**
 * One drill's world: a database and a queue of its own (so drills, and other people's tests on
 * the same PostgreSQL and RabbitMQ, never see each other), the bank simulator in this process,
 * and one or more service processes. Dropped again when the drill passes; kept for a person to
 * look at when it does not.
 */
final class Deployment implements AutoCloseable {

    private final String name;
    private final Options options;
    private final PrintStream out;
    private final Database database;
    private final Broker broker;
    private final String queue;
    private final String adminUrl;
    private final BankSimulator bank;
    private final Connection connection;
    private final List<ServiceProcess> services = new ArrayList<>();
    private boolean keep;

    private Deployment(String name, Options options, PrintStream out, Database database, Broker broker, String queue,
                       String adminUrl, BankSimulator bank, Connection connection) {
        this.name = name;
        this.options = options;
        this.out = out;
        this.database = database;
        this.broker = broker;
        this.queue = queue;
        this.adminUrl = adminUrl;
        this.bank = bank;
        this.connection = connection;
    }

    static Deployment create(String drill, Options options, PrintStream out) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String name = "drill_" + drill.replace('-', '_') + "_" + suffix;
        String host = options.text("postgres-host", "127.0.0.1");
        int port = options.integer("postgres-port", 5432);
        String user = options.text("postgres-user", "postgres");
        String password = options.text("postgres-password", "");
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (java.sql.Connection admin = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        Database database = new Database("jdbc:postgresql://" + host + ":" + port + "/" + name
                + "?currentSchema=ledger", user, password);
        Broker broker = new Broker(options.text("amqp-host", "127.0.0.1"), options.integer("amqp-port", 5672),
                options.text("amqp-user", "guest"), options.text("amqp-password", "guest"));
        BankSimulator bank = BankSimulator.start(0, Cards.load(options.text("cards", null)));
        Connection connection = broker.connectionFactory().newConnection("drill-" + drill);
        out.println("[" + drill + "] database " + name + ", queue " + name + ", bank " + bank.baseUrl());
        return new Deployment(name, options, out, database, broker, name, adminUrl, bank, connection);
    }

    /** A service process on this deployment's database and queue, started and healthy. */
    ServiceProcess startService(List<String> extra) throws Exception {
        ServiceProcess service = ServiceProcess.create(Path.of(options.text("service-jar",
                "service/target/service-0.1.0-SNAPSHOT.jar")), database, broker, queue, extra, out);
        services.add(service);
        service.start(Duration.ofSeconds(180));
        return service;
    }

    /** The operator's configuration; the service re-reads it every second. */
    void configure(int qrTtlMinutes, int tills, int stores) throws Exception {
        new ShopConfiguration(bank.baseUrl(), qrTtlMinutes, stores, tills).write(database);
        Thread.sleep(1_500);
    }

    /** Messages waiting in a queue of this deployment (the request queue, its dead-letter queue). */
    long messagesIn(String queueName) throws IOException, TimeoutException {
        try (Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(queueName).getMessageCount();
        }
    }

    String name() {
        return name;
    }

    String queue() {
        return queue;
    }

    Database database() {
        return database;
    }

    Broker broker() {
        return broker;
    }

    BankSimulator bank() {
        return bank;
    }

    Connection connection() {
        return connection;
    }

    /** Leave the database and the queues in place for a post-mortem. */
    void keep() {
        keep = true;
    }

    @Override
    public void close() {
        for (ServiceProcess service : services) {
            try {
                service.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        bank.close();
        try {
            if (!keep) {
                try (Channel channel = connection.createChannel()) {
                    channel.queueDelete(queue);
                    channel.queueDelete(queue + ".dlq");
                }
            }
            connection.close();
        } catch (IOException | TimeoutException | RuntimeException e) {
            out.println("while closing the broker connection: " + e);
        }
        if (keep) {
            out.println("[" + name + "] kept for inspection: database " + name + ", queue " + queue
                    + ", service logs " + services.stream().map(s -> s.log().toString()).toList());
            return;
        }
        try (java.sql.Connection admin = DriverManager.getConnection(adminUrl, database.user(), database.password());
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            out.println("could not drop database " + name + ": " + e.getMessage());
        }
    }
}
