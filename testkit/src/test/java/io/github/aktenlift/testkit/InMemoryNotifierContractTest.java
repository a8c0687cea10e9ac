package io.github.aktenlift.testkit;

import io.github.aktenlift.spi.notification.Notification;
import io.github.aktenlift.spi.notification.Notifier;
import io.github.aktenlift.testkit.contract.NotifierContract;

import java.util.List;

class InMemoryNotifierContractTest extends NotifierContract {

    private InMemoryNotifier created;

    @Override
    protected Notifier createNotifier() {
        created = new InMemoryNotifier();
        return created;
    }

    @Override
    protected List<Notification> received() {
        return created.delivered();
    }
}
