package io.github.aktenlift;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jakarta Validation of commands and values with Hibernate Validator. Messages name the field path
 * and the constraint, never the rejected value (no expression language, so no
 * {@code ${validatedValue}} can leak personal data). Thread-safe.
 */
final class CommandValidator implements AutoCloseable {

    private final ValidatorFactory factory;
    private final Validator validator;

    /** @param clock the clock {@code @Past} and {@code @PastOrPresent} are judged by: the injected one */
    CommandValidator(java.time.Clock clock) {
        factory = Validation.byProvider(HibernateValidator.class).configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .clockProvider(() -> clock)
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    /**
     * @param name what is validated, for the exception
     * @param bean the command or value
     * @throws InvalidCommandException listing every violated field
     */
    void check(String name, Object bean) {
        Set<ConstraintViolation<Object>> found = validator.validate(bean);
        if (!found.isEmpty()) {
            // a record component's constraint applies to field and accessor alike: report each path once
            TreeSet<String> seen = new TreeSet<>();
            List<InvalidCommandException.FieldViolation> list = found.stream()
                    .map(v -> new InvalidCommandException.FieldViolation(v.getPropertyPath().toString(), v.getMessage()))
                    .filter(v -> seen.add(v.path() + "\u0000" + v.message()))
                    .sorted((a, b) -> a.path().compareTo(b.path()) != 0 ? a.path().compareTo(b.path())
                            : a.message().compareTo(b.message()))
                    .toList();
            throw new InvalidCommandException(name, list);
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
