namespace MesaServicio.Core.Persistence;

/// <summary>
/// A commit failed after work outside the database (files put in place) was done for it and undone. A retrying
/// execution strategy must not run the attempt again: its files are gone, and the commit may even have landed.
/// Anything else keeps its own type.
/// </summary>
public sealed class CommitNotRetriedException : Exception
{
    public CommitNotRetriedException()
    {
    }

    public CommitNotRetriedException(string message)
        : base(message)
    {
    }

    public CommitNotRetriedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
