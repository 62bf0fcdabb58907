using MesaServicio.Core.Notifications;

namespace MesaServicio.Web.Components.Preferences;

/// <summary>What each e-mail kind is called on "Mis preferencias".</summary>
public static class PreferenceLabels
{
    public static string For(MessageKind kind) => kind switch
    {
        MessageKind.CaseRegistered => "Mi caso quedó registrado",
        MessageKind.QuestionAsked => "La mesa de servicio me hace una pregunta",
        MessageKind.AnswerReminder => "Recordatorio de una pregunta sin responder",
        MessageKind.DeskMessage => "Mensajes de la mesa de servicio en mis casos",
        MessageKind.CaseEscalated => "Mi caso pasó a un especialista",
        MessageKind.SurveyInvitation => "Solución o rechazo de mi caso, con la encuesta",
        MessageKind.SurveyReminder => "Último día para responder la encuesta",
        MessageKind.NovedadDecided => "Respuesta a la novedad que reporté",
        MessageKind.CaseReopened => "Mi caso se reabrió",
        MessageKind.SurveyClosedWithoutAnswer => "Mi caso se cerró sin respuesta a la encuesta",
        MessageKind.AssignedToYou => "Se me asigna un caso",
        MessageKind.EscalatedToYou => "Se me escala un caso",
        MessageKind.RequesterAnswered => "El usuario solicitante respondió",
        MessageKind.NovedadReported => "Una novedad por decidir",
        MessageKind.UnassignedCase => "Un caso sin asignar en mi grupo o categoría",
        MessageKind.SlaAtRisk => "ANS en riesgo (75 %)",
        MessageKind.SlaBreached => "ANS vencido",
        MessageKind.ImprovementActionAssigned => "Se me asigna una acción de mejora",
        MessageKind.ImprovementActionDueSoon => "Una acción de mejora a mi cargo vence pronto",
        MessageKind.ImprovementActionOverdue => "Una acción de mejora a mi cargo está vencida",
        MessageKind.LegalTermExtended => "Se amplió el plazo para responder mi petición (PQRS)",
        MessageKind.LegalTermAtRisk => "Término legal de una PQRS en riesgo (75 %)",
        MessageKind.LegalTermBreached => "Término legal de una PQRS vencido",
        MessageKind.ArticleReviewDue => "Llegó el día de revisar un artículo de conocimiento a mi cargo",
        _ => kind.ToString(),
    };
}
