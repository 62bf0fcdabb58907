using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Cases;

/// <summary>The confirmation the case page shows once, after the new-case form registered the case.</summary>
public partial class RegisteredConfirmation
{
    private bool _closed;

    [Parameter, EditorRequired]
    public required CaseDetails Case { get; set; }

    [Parameter, EditorRequired]
    public required CurrentUser User { get; set; }

    /// <summary>Registered by an agent for someone else (a call, a visit): the words speak of the requester, not to her.</summary>
    private bool OnBehalf => User.PersonId != Case.RequesterId;

    internal string Heading => OnBehalf
        ? $"El caso {Case.Number} quedó registrado a nombre de {Case.RequesterName}."
        : $"Su caso {Case.Number} quedó registrado.";

    internal string WhoAttends => Case.AssigneeName is { } name
        ? $"Lo atenderá {name}."
        : $"Aún no tiene responsable: espera en el grupo de la categoría «{Case.CategoryName}», donde se lo asignarán a un técnico.";

    /// <summary>The ANS due times in Colombian format, or plainly that there are none.</summary>
    internal string WhenDue
    {
        get
        {
            var attend = Pending(Case.Attention);
            var resolve = Pending(Case.Resolution);
            var to = OnBehalf ? "Le responderemos al usuario" : "Le responderemos";
            return Sentence((attend, resolve) switch
            {
                ({ } a, { } r) => $"{to} a más tardar el {Labels.DateTime(a)}, y el caso debe quedar resuelto a más tardar el {Labels.DateTime(r)}",
                ({ } a, null) => $"{to} a más tardar el {Labels.DateTime(a)}; este tipo de caso no tiene un plazo acordado (ANS) para resolverlo.",
                (null, { } r) => $"El caso debe quedar resuelto a más tardar el {Labels.DateTime(r)}",
                _ => "Este tipo de caso no tiene un plazo acordado (ANS): lo atenderemos según su prioridad y en el orden de llegada.",
            });
        }
    }

    internal string HowTold => OnBehalf
        ? "Si el equipo necesita algo del usuario, o cuando tenga la solución, se lo diremos con un aviso en el portal y por correo electrónico."
        : "Si necesitamos algo de usted, o cuando tengamos la solución, se lo diremos con un aviso en el portal y por correo electrónico.";

    /// <summary>Ends with one full stop: a sentence that ends in "5:00 p. m." already has it.</summary>
    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";

    private static DateTimeOffset? Pending(SlaReading reading) =>
        reading.State == SlaState.None || reading.Completed ? null : reading.DueAt;

    private void Close() => _closed = true;
}
