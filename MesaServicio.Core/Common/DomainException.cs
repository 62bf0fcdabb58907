namespace MesaServicio.Core.Common;

/// <summary>
/// A rule of the procedure refused an operation. <see cref="Rule"/> names the rule (stable, for code and
/// tests); <see cref="Exception.Message"/> explains it in Spanish for the person who tried.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string rule, params object[] args)
        : base(DomainMessages.Get(rule, args))
    {
        Rule = rule;
    }

    public DomainException()
        : this(DomainRules.Generic)
    {
    }

    public DomainException(string rule)
        : this(rule, [])
    {
    }

    public DomainException(string rule, Exception innerException)
        : base(DomainMessages.Get(rule), innerException)
    {
        Rule = rule;
    }

    /// <summary>The rule's code, e.g. <c>Case.Reject.ReasonRequired</c>.</summary>
    public string Rule { get; } = DomainRules.Generic;
}

/// <summary>Someone else changed the case between reading it and acting on it.</summary>
public sealed class ConcurrencyConflictException : DomainException
{
    public ConcurrencyConflictException(string caseNumber)
        : base(DomainRules.CaseChanged, caseNumber)
    {
    }

    public ConcurrencyConflictException()
        : base(DomainRules.CaseChanged, "")
    {
    }

    public ConcurrencyConflictException(string caseNumber, Exception innerException)
        : base(DomainRules.CaseChanged, innerException)
    {
        _ = caseNumber;
    }
}

/// <summary>The thing asked for does not exist (or, later, is outside the person's reach: same answer).</summary>
public sealed class NotFoundException : DomainException
{
    public NotFoundException(string what)
        : base(DomainRules.NotFound, what)
    {
    }

    public NotFoundException()
        : base(DomainRules.NotFound, "")
    {
    }

    public NotFoundException(string what, Exception innerException)
        : base(DomainRules.NotFound, innerException)
    {
        _ = what;
    }
}

/// <summary>The person may see the case but may not do this to it.</summary>
public sealed class ForbiddenException : DomainException
{
    public ForbiddenException(string operation)
        : base(DomainRules.Forbidden, operation)
    {
    }

    public ForbiddenException()
        : base(DomainRules.Forbidden, "")
    {
    }

    public ForbiddenException(string operation, Exception innerException)
        : base(DomainRules.Forbidden, innerException)
    {
        _ = operation;
    }
}
