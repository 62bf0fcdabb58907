namespace MesaServicio.Core.Common;

/// <summary>
/// Fields of a request broke their rules: <see cref="Errors"/> lists the Spanish messages per field (the
/// field names are the request's own, e.g. <c>asunto</c>), and the message joins them all.
/// </summary>
public sealed class ValidationFailedException : DomainException
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base(DomainRules.ValidationFailed, Join(errors))
    {
        Errors = errors;
    }

    /// <summary>Field → its messages, in the order the fields were checked.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]>();

    /// <summary>One field's single refusal.</summary>
    public static ValidationFailedException For(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    private static string Join(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join(" ", errors.Values.SelectMany(m => m));
    }
}
