package org.socialledger.payment;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which payment a command is for: the record component the command marks with
 * {@code @TargetAggregateIdentifier}, as Axon's annotation resolver says, but with the component
 * found once per command class. Axon's resolver searched the class's members and their annotations
 * for the identifier and for a version on every command: 3 % of the service's CPU at full load
 * (JFR, BENCHMARKS.md). No payment command carries an expected version, so none is resolved.
 */
final class PaymentCommandTargets implements CommandTargetResolver {

    private final CommandTargetResolver annotations = AnnotationCommandTargetResolver.builder().build();
    private final ClassValue<Optional<Method>> identifiers = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.isRecord() || hasVersion(type)) {
                return Optional.empty();
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getAccessor().isAnnotationPresent(TargetAggregateIdentifier.class)
                            || field(type, component).isAnnotationPresent(TargetAggregateIdentifier.class))
                    .map(RecordComponent::getAccessor)
                    .findFirst();
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Optional<Method> accessor = identifiers.get(command.getPayloadType());
        if (accessor.isEmpty()) {
            return annotations.resolveTarget(command);
        }
        Object identifier;
        try {
            identifier = accessor.get().invoke(command.getPayload());
        } catch (IllegalAccessException | InvocationTargetException e) {
            return annotations.resolveTarget(command);
        }
        if (identifier == null) {
            throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [" + command.getPayloadType().getSimpleName()
                    + "] class contains the @TargetAggregateIdentifier annotation and that it returns a non-null value.");
        }
        return new VersionedAggregateIdentifier(identifier, null);
    }

    private static Field field(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component", e);
        }
    }

    /** A command that states the version it expects is left to Axon's resolver, which reads it. */
    private static boolean hasVersion(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .anyMatch(field -> field.isAnnotationPresent(TargetAggregateVersion.class))
                || Arrays.stream(type.getDeclaredMethods())
                .anyMatch(method -> method.isAnnotationPresent(TargetAggregateVersion.class));
    }
}
