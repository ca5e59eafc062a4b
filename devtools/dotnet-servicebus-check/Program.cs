// Runs the real Azure.Messaging.ServiceBus client against a Service Bus endpoint (the in-repo stand-in:
// Endpoint=sb://127.0.0.1:<port>;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true) and
// checks what the app relies on: send, peek-lock receive, complete, lock renewal, abandon until the broker
// dead-letters (MaxDeliveryCountExceeded), dead-letter with a reason, scheduled messages (and cancelling one),
// duplicate detection by MessageId. Prints one line per step; exits 1 on the first failure, 2 on bad usage.
//
//   dotnet run --project devtools/dotnet-servicebus-check -- "<connection string>" [maxDeliveryCount=10]
using Azure.Messaging.ServiceBus;

if (args.Length < 1 || string.IsNullOrWhiteSpace(args[0]))
{
    Console.Error.WriteLine("usage: ServiceBusCheck <connection string> [maxDeliveryCount]");
    return 2;
}
var connectionString = args[0];
var maxDeliveryCount = args.Length > 1 ? int.Parse(args[1]) : 10;
// A fresh queue per run: the stand-in creates unknown queues on first use, with Azure's defaults.
var queue = $"dotnet-check-{Guid.NewGuid():N}"[..24];
var wait = TimeSpan.FromSeconds(10);

await using var client = new ServiceBusClient(connectionString, new ServiceBusClientOptions
{
    RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, TryTimeout = TimeSpan.FromSeconds(20) },
});
await using var sender = client.CreateSender(queue);
await using var receiver = client.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock });
await using var deadLetters = client.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });

var failures = 0;
async Task Step(string name, Func<Task> body)
{
    try
    {
        await body();
        Console.WriteLine($"ok   {name}");
    }
    catch (Exception e)
    {
        failures++;
        Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message}");
        if (Environment.GetEnvironmentVariable("SB_CHECK_VERBOSE") == "1") Console.WriteLine(e);
    }
}

void Expect(bool condition, string what)
{
    if (!condition) throw new InvalidOperationException(what);
}

async Task<ServiceBusReceivedMessage> ReceiveOne(ServiceBusReceiver r, string id)
{
    var m = await r.ReceiveMessageAsync(wait) ?? throw new InvalidOperationException($"no message {id} within {wait.TotalSeconds} s");
    Expect(m.MessageId == id, $"expected message {id}, got {m.MessageId}");
    return m;
}

async Task ExpectEmpty(ServiceBusReceiver r, string where)
{
    var m = await r.ReceiveMessageAsync(TimeSpan.FromSeconds(1));
    if (m != null) throw new InvalidOperationException($"{where}: unexpected message {m.MessageId}");
}

Console.WriteLine($"queue {queue}");

await Step("send, receive peek-lock, complete", async () =>
{
    var sent = new ServiceBusMessage(BinaryData.FromString("{\"partnerId\":\"p-1\"}"))
    {
        MessageId = "m-complete",
        ContentType = "application/json",
        Subject = "partner-change",
        CorrelationId = "corr-1",
    };
    sent.ApplicationProperties["kind"] = "test";
    await sender.SendMessageAsync(sent);
    var m = await ReceiveOne(receiver, "m-complete");
    Expect(m.Body.ToString() == "{\"partnerId\":\"p-1\"}", $"body was {m.Body}");
    Expect(m.ContentType == "application/json", $"content type was {m.ContentType}");
    Expect(m.Subject == "partner-change" && m.CorrelationId == "corr-1", "subject / correlation id lost");
    Expect(m.ApplicationProperties.TryGetValue("kind", out var kind) && (string)kind == "test", "application property lost");
    Expect(m.DeliveryCount == 1, $"first delivery count was {m.DeliveryCount}");
    Expect(m.SequenceNumber > 0, $"sequence number was {m.SequenceNumber}");
    Expect(m.LockedUntil > DateTimeOffset.UtcNow, $"locked until {m.LockedUntil:o} is not in the future");
    Expect(m.LockToken != Guid.Empty.ToString(), "no lock token");
    await receiver.CompleteMessageAsync(m);
    await ExpectEmpty(receiver, "after complete");
});

await Step("lock renewal", async () =>
{
    await sender.SendMessageAsync(new ServiceBusMessage("renew") { MessageId = "m-renew" });
    var m = await ReceiveOne(receiver, "m-renew");
    var before = m.LockedUntil;
    await Task.Delay(1100);
    await receiver.RenewMessageLockAsync(m);
    Expect(m.LockedUntil > before, $"lock not extended: {before:o} -> {m.LockedUntil:o}");
    await receiver.CompleteMessageAsync(m);
});

await Step($"abandon {maxDeliveryCount} times until dead-lettered (MaxDeliveryCountExceeded)", async () =>
{
    await sender.SendMessageAsync(new ServiceBusMessage("poison") { MessageId = "m-poison" });
    for (var i = 1; i <= maxDeliveryCount; i++)
    {
        var m = await ReceiveOne(receiver, "m-poison");
        Expect(m.DeliveryCount == i, $"delivery {i} had delivery count {m.DeliveryCount}");
        await receiver.AbandonMessageAsync(m, new Dictionary<string, object> { ["attempt"] = i });
    }
    await ExpectEmpty(receiver, "after the last abandon");
    var dead = await ReceiveOne(deadLetters, "m-poison");
    Expect(dead.DeadLetterReason == "MaxDeliveryCountExceeded", $"dead-letter reason was '{dead.DeadLetterReason}'");
    Expect(dead.ApplicationProperties.TryGetValue("attempt", out var attempt) && Convert.ToInt32(attempt) == maxDeliveryCount,
        "properties to modify of the last abandon were not kept");
    await deadLetters.CompleteMessageAsync(dead);
});

await Step("dead-letter with a reason and description", async () =>
{
    await sender.SendMessageAsync(new ServiceBusMessage("bad") { MessageId = "m-dead" });
    var m = await ReceiveOne(receiver, "m-dead");
    await receiver.DeadLetterMessageAsync(m, "invalid-body", "partnerId missing");
    var dead = await ReceiveOne(deadLetters, "m-dead");
    Expect(dead.DeadLetterReason == "invalid-body", $"reason was '{dead.DeadLetterReason}'");
    Expect(dead.DeadLetterErrorDescription == "partnerId missing", $"description was '{dead.DeadLetterErrorDescription}'");
    Expect(dead.DeadLetterSource is null || dead.DeadLetterSource == queue || dead.DeadLetterSource.Length > 0, "dead-letter source");
    await deadLetters.CompleteMessageAsync(dead);
});

await Step("scheduled message arrives at its time; a cancelled one never", async () =>
{
    var at = DateTimeOffset.UtcNow.AddSeconds(3);
    var seq = await sender.ScheduleMessageAsync(new ServiceBusMessage("later") { MessageId = "m-scheduled" }, at);
    var cancelled = await sender.ScheduleMessageAsync(new ServiceBusMessage("never") { MessageId = "m-cancelled" }, at);
    Expect(seq > 0 && cancelled > 0 && seq != cancelled, $"sequence numbers {seq}, {cancelled}");
    await sender.CancelScheduledMessageAsync(cancelled);
    var peeked = await receiver.PeekMessageAsync();
    Expect(peeked is null || peeked.MessageId == "m-scheduled", $"peek showed {peeked?.MessageId}");
    await ExpectEmpty(receiver, "before the scheduled time");
    var m = await ReceiveOne(receiver, "m-scheduled");
    Expect(DateTimeOffset.UtcNow >= at.AddMilliseconds(-500), $"delivered at {DateTimeOffset.UtcNow:o}, scheduled for {at:o}");
    Expect(m.ScheduledEnqueueTime >= at.AddSeconds(-1), $"ScheduledEnqueueTime was {m.ScheduledEnqueueTime:o}");
    await receiver.CompleteMessageAsync(m);
    await ExpectEmpty(receiver, "after the scheduled message (the cancelled one must not come)");
});

await Step("duplicate detection drops a repeated MessageId", async () =>
{
    await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "m-dup" });
    await sender.SendMessageAsync(new ServiceBusMessage("second") { MessageId = "m-dup" });
    var m = await ReceiveOne(receiver, "m-dup");
    Expect(m.Body.ToString() == "first", $"body was {m.Body}");
    await receiver.CompleteMessageAsync(m);
    await ExpectEmpty(receiver, "after the first copy");
});

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;
