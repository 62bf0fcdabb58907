namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// What the new-case form tells the case page it opens next, in the same circuit: why the files chosen were not
/// attached. Nothing of it travels in the address, so no link can make the case page say something; a page opened
/// afresh (another tab, a reload) falls back to the general message.
/// </summary>
public sealed class RegistrationNotes
{
    private readonly Dictionary<string, string> _attachmentProblems = new(StringComparer.Ordinal);

    /// <summary>The files of case <paramref name="number"/> were refused when uploaded, for <paramref name="reason"/> (Core's Spanish message).</summary>
    public void AttachmentsRefused(string number, string reason) => _attachmentProblems[number] = reason;

    /// <summary>Why the files of case <paramref name="number"/> were not attached, when this circuit registered it.</summary>
    public string? AttachmentProblem(string number) => _attachmentProblems.GetValueOrDefault(number);
}

/// <summary>Registers the services of the case pages.</summary>
public static class CasePagesSetup
{
    public static IServiceCollection AddMesaCasePages(this IServiceCollection services) =>
        services.AddScoped<RegistrationNotes>()
            .AddScoped<CaseOperationRunner>();
}
