using Guichet.Web.Localization;

namespace Guichet.Web.Tickets;

/// <summary>
/// The fields a new installation's request types start with, so that each form asks what its kind of
/// request needs. All optional, in five languages; admins change or remove them at /admin/fields.
/// </summary>
internal static class TicketDefaultFields
{
    /// <summary>The fields of each seeded type, by the type's position (0 = Question / assistance).</summary>
    public static IReadOnlyList<(int Type, CustomField Field)> Make()
    {
        var where = Field("where_in_application", CustomFieldKind.Text, CustomerAccess.Editable,
            LocalizedText.Of("Where in the application?", "Où dans l'application ?", "Wo in der Anwendung?", "¿Dónde en la aplicación?", "Dove nell'applicazione?"),
            LocalizedText.Of("The screen or menu concerned, if you know it.", "L'écran ou le menu concerné, si vous le connaissez.",
                "Der betroffene Bildschirm oder das Menü, falls bekannt.", "La pantalla o el menú en cuestión, si lo conoce.", "La schermata o il menu interessato, se lo conosce."));
        var wantedBy = Field("wanted_by", CustomFieldKind.Date, CustomerAccess.Editable,
            LocalizedText.Of("Wanted by", "Souhaité pour le", "Gewünscht bis", "Deseado para", "Desiderato entro il"),
            LocalizedText.Of("The date by which you need it.", "La date à laquelle vous en avez besoin.", "Das Datum, bis zu dem Sie es brauchen.",
                "La fecha en la que lo necesita.", "La data entro cui Le serve."));
        var userEmail = Field("user_email", CustomFieldKind.Text, CustomerAccess.Editable,
            LocalizedText.Of("User's email address", "Adresse e-mail de l'utilisateur", "E-Mail-Adresse des Benutzers", "Correo electrónico del usuario", "Indirizzo e-mail dell'utente"),
            LocalizedText.Of("The person whose account this is about.", "La personne dont le compte est concerné.", "Die Person, um deren Konto es geht.",
                "La persona cuya cuenta se trata.", "La persona di cui si tratta l'account."));
        var userAction = Field("user_action", CustomFieldKind.Dropdown, CustomerAccess.Editable,
            LocalizedText.Of("What should we do?", "Que devons-nous faire ?", "Was sollen wir tun?", "¿Qué debemos hacer?", "Cosa dobbiamo fare?"), None,
            Option("create", LocalizedText.Of("Create the account", "Créer le compte", "Konto anlegen", "Crear la cuenta", "Creare l'account")),
            Option("change", LocalizedText.Of("Change its rights", "Modifier ses droits", "Rechte ändern", "Cambiar sus permisos", "Modificare i permessi")),
            Option("remove", LocalizedText.Of("Remove the account", "Supprimer le compte", "Konto entfernen", "Eliminar la cuenta", "Rimuovere l'account")));
        var access = Field("access_rights", CustomFieldKind.MultiSelect, CustomerAccess.Editable,
            LocalizedText.Of("Access needed", "Accès nécessaires", "Benötigte Zugriffe", "Accesos necesarios", "Accessi necessari"), None,
            Option("read", LocalizedText.Of("Read", "Lecture", "Lesen", "Lectura", "Lettura")),
            Option("write", LocalizedText.Of("Write", "Écriture", "Schreiben", "Escritura", "Scrittura")),
            Option("admin", LocalizedText.Of("Administration", "Administration", "Verwaltung", "Administración", "Amministrazione")));
        var approved = Field("manager_approved", CustomFieldKind.Checkbox, CustomerAccess.Editable,
            LocalizedText.Of("My manager approved this request", "Mon responsable a approuvé cette demande", "Meine Führungskraft hat diese Anfrage genehmigt",
                "Mi responsable aprobó esta solicitud", "Il mio responsabile ha approvato questa richiesta"), None);
        var version = Field("version", CustomFieldKind.Text, CustomerAccess.Editable,
            LocalizedText.Of("Version", "Version", "Version", "Versión", "Versione"),
            LocalizedText.Of("Shown under Help › About.", "Affichée dans Aide › À propos.", "Angezeigt unter Hilfe › Info.", "Se muestra en Ayuda › Acerca de.", "Indicata in Aiuto › Informazioni."));
        var reproducible = Field("reproducible", CustomFieldKind.Dropdown, CustomerAccess.Editable,
            LocalizedText.Of("Does it happen again?", "Cela se reproduit-il ?", "Tritt es erneut auf?", "¿Vuelve a ocurrir?", "Si ripete?"), None,
            Option("always", LocalizedText.Of("Every time", "À chaque fois", "Jedes Mal", "Siempre", "Ogni volta")),
            Option("sometimes", LocalizedText.Of("Sometimes", "Parfois", "Manchmal", "A veces", "A volte")),
            Option("once", LocalizedText.Of("It happened once", "C'est arrivé une fois", "Es ist einmal passiert", "Ocurrió una vez", "È successo una volta")));
        var fixedIn = Field("fixed_in_version", CustomFieldKind.Text, CustomerAccess.ReadOnly,
            LocalizedText.Of("Fixed in version", "Corrigé dans la version", "Behoben in Version", "Corregido en la versión", "Corretto nella versione"), None);
        var devTicket = Field("development_ticket", CustomFieldKind.Text, CustomerAccess.Hidden,
            LocalizedText.Of("Development ticket", "Ticket de développement", "Entwicklungsticket", "Ticket de desarrollo", "Ticket di sviluppo"), None);
        var impact = Field("business_impact", CustomFieldKind.Dropdown, CustomerAccess.Editable,
            LocalizedText.Of("Benefit for your work", "Bénéfice pour votre travail", "Nutzen für Ihre Arbeit", "Beneficio para su trabajo", "Beneficio per il Suo lavoro"), None,
            Option("low", LocalizedText.Of("Nice to have", "Agréable", "Schön zu haben", "Deseable", "Utile")),
            Option("medium", LocalizedText.Of("Saves time every week", "Fait gagner du temps chaque semaine", "Spart jede Woche Zeit", "Ahorra tiempo cada semana", "Fa risparmiare tempo ogni settimana")),
            Option("high", LocalizedText.Of("We cannot do without it", "Indispensable", "Unverzichtbar", "Imprescindible", "Indispensabile")));
        var people = Field("people_concerned", CustomFieldKind.Number, CustomerAccess.Editable,
            LocalizedText.Of("People who would use it", "Personnes qui l'utiliseraient", "Personen, die es nutzen würden", "Personas que lo usarían", "Persone che lo userebbero"), None);

        return [(0, where), (1, wantedBy), (1, where), (2, userEmail), (2, userAction), (2, access), (2, approved),
            (3, where), (3, version), (3, reproducible), (3, fixedIn), (3, devTicket), (4, impact), (4, people)];
    }

    private static readonly LocalizedText None = new(new Dictionary<string, string>());

    private static CustomField Field(string key, CustomFieldKind kind, CustomerAccess access, LocalizedText labels, LocalizedText help,
        params CustomFieldOption[] options)
    {
        var field = new CustomField { Key = key, Kind = kind, CustomerAccess = access, Labels = labels, Help = help };
        field.Options.AddRange(options.Select((o, i) => { o.SortOrder = (i + 1) * 10; return o; }));
        return field;
    }

    private static CustomFieldOption Option(string key, LocalizedText labels) => new() { Key = key, Labels = labels };
}
