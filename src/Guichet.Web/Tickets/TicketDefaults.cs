using Guichet.Web.Data;
using Guichet.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Guichet.Web.Tickets;

/// <summary>
/// What a new installation starts with: the six statuses, the five request types with their fields,
/// a "Support" group they go to. Added once, when the tables are empty; admins change them afterwards.
/// </summary>
public static class TicketDefaults
{
    public static async Task SeedTicketDefaultsAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GuichetDbContext>();

        if (!await db.Statuses.AnyAsync(ct))
        {
            db.Statuses.AddRange(
                Status(StatusCategory.New, 10, LocalizedText.Of("New", "Nouvelle", "Neu", "Nueva", "Nuova")),
                Status(StatusCategory.Open, 20, LocalizedText.Of("In progress", "En cours", "In Bearbeitung", "En curso", "In lavorazione")),
                Status(StatusCategory.Pending, 30, LocalizedText.Of("Waiting for customer", "En attente du client", "Wartet auf Kunde", "Esperando al cliente", "In attesa del cliente")),
                Status(StatusCategory.Solved, 40, LocalizedText.Of("Resolved", "Résolue", "Gelöst", "Resuelta", "Risolta")),
                Status(StatusCategory.Closed, 50, LocalizedText.Of("Closed", "Fermée", "Geschlossen", "Cerrada", "Chiusa")),
                Status(StatusCategory.Cancelled, 60, LocalizedText.Of("Cancelled", "Annulée", "Storniert", "Cancelada", "Annullata")));
            await db.SaveChangesAsync(ct);
        }

        if (!await db.Groups.AnyAsync(ct))
        {
            db.Groups.Add(new Group { Name = "Support" });
            await db.SaveChangesAsync(ct);
        }

        if (!await db.RequestTypes.AnyAsync(ct))
        {
            var support = await db.Groups.OrderBy(g => g.Id).Select(g => (int?)g.Id).FirstAsync(ct);
            var order = 0;
            RequestType Type(LocalizedText names, LocalizedText descriptions) =>
                new() { Names = names, Descriptions = descriptions, SortOrder = order += 10, GroupId = support };
            // A request that does not say its type (an API client leaving typeId out) is a question until an admin says otherwise.
            var question = Type(LocalizedText.Of("Question / assistance", "Question / assistance", "Frage / Unterstützung", "Pregunta / asistencia", "Domanda / assistenza"),
                LocalizedText.Of("Ask how something works or get help using it.", "Demandez comment fonctionne quelque chose ou obtenez de l'aide pour l'utiliser.",
                    "Fragen Sie, wie etwas funktioniert, oder erhalten Sie Hilfe bei der Nutzung.", "Pregunte cómo funciona algo u obtenga ayuda para usarlo.",
                    "Chieda come funziona qualcosa o riceva aiuto per usarlo."));
            question.MakeDefault([]);
            db.RequestTypes.AddRange(
                question,
                Type(LocalizedText.Of("Configuration request", "Demande de configuration", "Konfigurationsanfrage", "Solicitud de configuración", "Richiesta di configurazione"),
                     LocalizedText.Of("Ask us to change a setting, a workflow or a parameter for you.", "Demandez-nous de modifier un réglage, un processus ou un paramètre pour vous.",
                         "Bitten Sie uns, eine Einstellung, einen Ablauf oder einen Parameter für Sie zu ändern.", "Pídanos que cambiemos un ajuste, un flujo o un parámetro por usted.",
                         "Ci chieda di modificare un'impostazione, un flusso o un parametro per Lei.")),
                Type(LocalizedText.Of("User management", "Gestion des utilisateurs", "Benutzerverwaltung", "Gestión de usuarios", "Gestione utenti"),
                     LocalizedText.Of("Create, change or remove a user account, or its rights.", "Créer, modifier ou supprimer un compte utilisateur, ou ses droits.",
                         "Ein Benutzerkonto oder seine Rechte anlegen, ändern oder entfernen.", "Crear, modificar o eliminar una cuenta de usuario, o sus permisos.",
                         "Creare, modificare o rimuovere un account utente, o i suoi permessi.")),
                Type(LocalizedText.Of("Bug report", "Signalement d'anomalie", "Fehlermeldung", "Informe de error", "Segnalazione di errore"),
                     LocalizedText.Of("Something does not work as it should: tell us what you did, what you expected and what happened.",
                         "Quelque chose ne fonctionne pas comme prévu : dites-nous ce que vous avez fait, ce que vous attendiez et ce qui s'est passé.",
                         "Etwas funktioniert nicht wie erwartet: Beschreiben Sie, was Sie getan haben, was Sie erwartet haben und was passiert ist.",
                         "Algo no funciona como debería: cuéntenos qué hizo, qué esperaba y qué ocurrió.",
                         "Qualcosa non funziona come dovrebbe: ci dica cosa ha fatto, cosa si aspettava e cosa è successo.")),
                Type(LocalizedText.Of("Improvement suggestion", "Suggestion d'amélioration", "Verbesserungsvorschlag", "Sugerencia de mejora", "Suggerimento di miglioramento"),
                     LocalizedText.Of("An idea to make the product better for you and others.", "Une idée pour améliorer le produit, pour vous et pour les autres.",
                         "Eine Idee, wie das Produkt für Sie und andere besser werden kann.", "Una idea para mejorar el producto, para usted y para otros.",
                         "Un'idea per migliorare il prodotto, per Lei e per gli altri.")));
            await db.SaveChangesAsync(ct);

            if (!await db.CustomFields.AnyAsync(ct))
            {
                var types = await db.RequestTypes.Include(t => t.Fields).OrderBy(t => t.SortOrder).ToListAsync(ct);
                foreach (var (position, field) in TicketDefaultFields.Make())
                {
                    if (field.Id == 0 && db.Entry(field).State == EntityState.Detached) db.CustomFields.Add(field);
                    var type = types[position];
                    type.Fields.Add(new RequestTypeField { CustomField = field, SortOrder = (type.Fields.Count + 1) * 10 });
                }
                await db.SaveChangesAsync(ct);
            }
        }
    }

    private static Status Status(StatusCategory category, int order, LocalizedText names) =>
        new() { Category = category, SortOrder = order, Names = names, IsDefaultForCategory = true };
}
