using CriticalMinerals.Solving.Backends;

namespace CriticalMinerals.Tests.Solving.Backends;

public class NativeInterruptTests
{
    [Fact]
    public void Nothing_is_interrupted_while_the_token_is_not_cancelled()
    {
        int interrupts = 0;
        using var cancellation = new CancellationTokenSource();
        using (NativeInterrupt.WhenCancelled(() => Interlocked.Increment(ref interrupts), cancellation.Token))
        {
            Thread.Sleep(60);
        }

        interrupts.Should().Be(0);
    }

    [Fact]
    public void A_cancellation_is_delivered_again_and_again_until_disposed_so_a_solver_that_clears_its_flag_still_sees_it()
    {
        int interrupts = 0;
        using var cancellation = new CancellationTokenSource();
        var interrupt = NativeInterrupt.WhenCancelled(() => Interlocked.Increment(ref interrupts), cancellation.Token);
        cancellation.Cancel();
        interrupts.Should().Be(1, "the first interrupt is sent by Cancel itself, on the cancelling thread");

        SpinWait.SpinUntil(() => Volatile.Read(ref interrupts) >= 3, TimeSpan.FromSeconds(10)).Should().BeTrue();
        interrupt.Dispose();
        int atDispose = Volatile.Read(ref interrupts);
        Thread.Sleep(100);

        interrupts.Should().Be(atDispose, "no interrupt reaches a solver after dispose");
    }

    [Fact]
    public void An_already_cancelled_token_interrupts_at_once()
    {
        int interrupts = 0;
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        using (NativeInterrupt.WhenCancelled(() => Interlocked.Increment(ref interrupts), cancellation.Token))
        {
            interrupts.Should().Be(1);
        }
    }

    [Fact]
    public void A_cancellation_after_dispose_interrupts_nothing()
    {
        int interrupts = 0;
        using var cancellation = new CancellationTokenSource();
        NativeInterrupt.WhenCancelled(() => Interlocked.Increment(ref interrupts), cancellation.Token).Dispose();
        cancellation.Cancel();
        Thread.Sleep(60);

        interrupts.Should().Be(0);
    }
}
