namespace MesaServicio.Web.Hosting;

/// <summary>
/// A clock that starts at a chosen instant and then runs forward in real time (the offset to the real clock is fixed
/// when it is made). Only for tests that run the real process: see <see cref="TestClock"/>.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly TimeSpan _offset;

    public ShiftedTimeProvider(DateTimeOffset start, TimeProvider? inner = null)
    {
        _inner = inner ?? System;
        _offset = start.ToUniversalTime() - _inner.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow() + _offset;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _inner.CreateTimer(callback, state, dueTime, period);
}
