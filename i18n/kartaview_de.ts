<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>@default</name>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="52"/>
        <source>KartaView sequences</source>
        <translation>KartaView-Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="52"/>
        <source>KartaView photos</source>
        <translation>KartaView-Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="53"/>
        <source>KartaView road coverage</source>
        <translation>KartaView-Straßenabdeckung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="75"/>
        <source>Open in KartaView</source>
        <translation>In KartaView öffnen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="291"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="161"/>
        <source>Add KartaView layer</source>
        <translation>KartaView-Layer hinzufügen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="163"/>
        <source>Add the KartaView sequences layer (photos and road coverage in the menu)</source>
        <translation>Den Layer der KartaView-Sequenzen hinzufügen (Fotos und Straßenabdeckung im Menü)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="167"/>
        <source>Clear KartaView cache</source>
        <translation>KartaView-Cache leeren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="183"/>
        <source>The KartaView layer could not be created; see the KartaView log.</source>
        <translation>Der KartaView-Layer konnte nicht erstellt werden; siehe KartaView-Protokoll.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="269"/>
        <source>The KartaView cache could not be cleared: {}</source>
        <translation>Der KartaView-Cache konnte nicht geleert werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="33"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="51"/>
        <source>KartaView cannot be reached. Check your internet connection; the server may also be down for a while.</source>
        <translation>KartaView ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung; der Server kann auch vorübergehend ausgefallen sein.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="38"/>
        <source>KartaView is busy or has a problem (HTTP {}). Try again in a few minutes.</source>
        <translation>KartaView ist ausgelastet oder hat ein Problem (HTTP {}). Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="41"/>
        <source>KartaView did not accept the access token. Sign in again (Web ▸ KartaView ▸ Sign in to KartaView).</source>
        <translation>KartaView hat das Zugriffstoken nicht akzeptiert. Melden Sie sich erneut an (Web ▸ KartaView ▸ Bei KartaView anmelden).</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="44"/>
        <source>KartaView does not know this sequence or photo (any more).</source>
        <translation>KartaView kennt diese Sequenz oder dieses Foto nicht (mehr).</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="46"/>
        <source>KartaView refused the request (apiCode {}). See the KartaView log for details.</source>
        <translation>KartaView hat die Anfrage abgelehnt (apiCode {}). Einzelheiten im KartaView-Protokoll.</translation>
    </message>
    <message>
        <location filename="../plugin/core/messages.py" line="55"/>
        <source>Unexpected error ({}). See the KartaView log for details.</source>
        <translation>Unerwarteter Fehler ({}). Einzelheiten im KartaView-Protokoll.</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="19"/>
        <source>Less than a year old</source>
        <translation>Jünger als ein Jahr</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="20"/>
        <source>1 to 3 years old</source>
        <translation>1 bis 3 Jahre alt</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="21"/>
        <source>3 to 6 years old</source>
        <translation>3 bis 6 Jahre alt</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="22"/>
        <source>More than 6 years old</source>
        <translation>Älter als 6 Jahre</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="23"/>
        <source>Date unknown</source>
        <translation>Datum unbekannt</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="24"/>
        <source>360° imagery</source>
        <translation>360°-Bilder</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="25"/>
        <source>Covered in part (crossings, road ends)</source>
        <translation>Teilweise abgedeckt (Kreuzungen, Straßenenden)</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="26"/>
        <source>No imagery</source>
        <translation>Keine Bilder</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="27"/>
        <source>1 sequence</source>
        <translation>1 Sequenz</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="28"/>
        <source>2-3 sequences</source>
        <translation>2–3 Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="29"/>
        <source>4 or more sequences</source>
        <translation>4 oder mehr Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="30"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="31"/>
        <source>Photo and its heading (zoomed in)</source>
        <translation>Foto und seine Blickrichtung (nah)</translation>
    </message>
    <message>
        <location filename="../plugin/core/styles.py" line="32"/>
        <source>360° photo or no heading (zoomed in)</source>
        <translation>360°-Foto oder ohne Blickrichtung (nah)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="238"/>
        <source>Loading KartaView data for the map view…</source>
        <translation>KartaView-Daten für die Kartenansicht werden geladen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="263"/>
        <source>KartaView cache cleared ({} MB freed).</source>
        <translation>KartaView-Cache geleert ({} MB freigegeben).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="158"/>
        <source>KartaView coverage (overview zoomed out, sequences zoomed in)</source>
        <translation>KartaView-Abdeckung (Übersicht herausgezoomt, Sequenzen hineingezoomt)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="194"/>
        <source>The KartaView coverage overview could not be created.</source>
        <translation>Die KartaView-Abdeckungsübersicht konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/layer_actions.py" line="204"/>
        <source>The KartaView coverage group could not be created.</source>
        <translation>Die KartaView-Abdeckungsgruppe konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="38"/>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="38"/>
        <source>Uploaded, waiting for processing</source>
        <translation>Hochgeladen, wartet auf Verarbeitung</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="39"/>
        <source>Processing</source>
        <translation>Wird verarbeitet</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="39"/>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="40"/>
        <source>Processing failed</source>
        <translation>Verarbeitung fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="40"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="186"/>
        <source>My KartaView uploads</source>
        <translation>Meine KartaView-Uploads</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="54"/>
        <source>Press Refresh to list the sequences you uploaded.</source>
        <translation>Klicken Sie auf Aktualisieren, um Ihre hochgeladenen Sequenzen aufzulisten.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Sequence</source>
        <translation>Sequenz</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="58"/>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="64"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="65"/>
        <source>Open on KartaView</source>
        <translation>Auf KartaView öffnen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="66"/>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="83"/>
        <source>Sign in to KartaView (Web ▸ KartaView ▸ Sign in) to see your uploads.</source>
        <translation>Melden Sie sich bei KartaView an (Web ▸ KartaView ▸ Anmelden), um Ihre Uploads zu sehen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="86"/>
        <source>Asking KartaView for your sequences…</source>
        <translation>Ihre Sequenzen werden bei KartaView abgefragt…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="101"/>
        <source>{} sequences, {} not published yet.</source>
        <translation>{} Sequenzen, {} noch nicht veröffentlicht.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="101"/>
        <source>You have not uploaded any sequence yet.</source>
        <translation>Sie haben noch keine Sequenz hochgeladen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="109"/>
        <source>Your sequences could not be listed: {}</source>
        <translation>Ihre Sequenzen konnten nicht aufgelistet werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="125"/>
        <source>Delete sequence {} from KartaView?

{}

This cannot be undone: its photos are removed for everyone.</source>
        <translation>Sequenz {} von KartaView löschen?

{}

Dies kann nicht rückgängig gemacht werden: Ihre Fotos werden für alle entfernt.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="127"/>
        <source>Delete KartaView sequence</source>
        <translation>KartaView-Sequenz löschen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="133"/>
        <source>Deleting sequence {}…</source>
        <translation>Sequenz {} wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="140"/>
        <source>Sequence {} was deleted.</source>
        <translation>Sequenz {} wurde gelöscht.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="147"/>
        <source>Sequence {} is not on KartaView any more.</source>
        <translation>Sequenz {} ist nicht mehr auf KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="149"/>
        <source>KartaView refused to delete sequence {}: {}</source>
        <translation>KartaView hat das Löschen von Sequenz {} abgelehnt: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/my_uploads.py" line="151"/>
        <source>Sequence {} could not be deleted: {}</source>
        <translation>Sequenz {} konnte nicht gelöscht werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/overview.py" line="28"/>
        <source>KartaView coverage overview</source>
        <translation>KartaView-Abdeckungsübersicht</translation>
    </message>
    <message>
        <location filename="../plugin/gui/overview.py" line="32"/>
        <source>KartaView coverage</source>
        <translation>KartaView-Abdeckung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>Sequence {}: {} photo(s), {:.0f} m, {} ({}).</source>
        <translation>Sequenz {}: {} Foto(s), {:.0f} m, {} ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>360°</source>
        <translation>360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>{} of them 360°</source>
        <translation>davon {} mit 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="75"/>
        <source>flat</source>
        <translation>flach</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="127"/>
        <source>Skipped: no photo file</source>
        <translation>Übersprungen: keine Fotodatei</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="128"/>
        <source>Skipped: file missing or unreadable</source>
        <translation>Übersprungen: Datei fehlt oder ist nicht lesbar</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="129"/>
        <source>Skipped: not a JPEG</source>
        <translation>Übersprungen: kein JPEG</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="130"/>
        <source>Skipped: corrupt JPEG</source>
        <translation>Übersprungen: beschädigtes JPEG</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="131"/>
        <source>Skipped: larger than 20 MB</source>
        <translation>Übersprungen: größer als 20 MB</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="132"/>
        <source>Skipped: no position</source>
        <translation>Übersprungen: keine Position</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="133"/>
        <source>Skipped: no capture time</source>
        <translation>Übersprungen: keine Aufnahmezeit</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="134"/>
        <source>Skipped: the same file twice</source>
        <translation>Übersprungen: dieselbe Datei zweimal</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="135"/>
        <source>Skipped: a copy of another photo</source>
        <translation>Übersprungen: Kopie eines anderen Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="136"/>
        <source>Skipped: near-duplicate</source>
        <translation>Übersprungen: Beinahe-Duplikat</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="162"/>
        <source>Sequence {}</source>
        <translation>Sequenz {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="165"/>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="168"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="171"/>
        <source>Already uploaded</source>
        <translation>Bereits hochgeladen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="171"/>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="187"/>
        <source>Sequence {}: {} photo(s), {:.0f} m, {}</source>
        <translation>Sequenz {}: {} Foto(s), {:.0f} m, {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_preview.py" line="190"/>
        <source>(360°)</source>
        <translation>(360°)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="45"/>
        <source>GPS track (GPX file or point/line layer with times)</source>
        <translation>GPS-Track (GPX-Datei oder Punkt-/Linienlayer mit Zeiten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="48"/>
        <source>Time field of the track points</source>
        <translation>Zeitfeld der Trackpunkte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="50"/>
        <source>Camera clock minus GPS clock (seconds)</source>
        <translation>Kamerauhr minus GPS-Uhr (Sekunden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="53"/>
        <source>Longest gap between track points to interpolate over (seconds)</source>
        <translation>Größte Lücke zwischen Trackpunkten, über die interpoliert wird (Sekunden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="58"/>
        <source>Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this computer&apos;s)</source>
        <translation>Zeitzone der Kamerauhr (z. B. Europe/Bucharest oder UTC+02:00; leer: die dieses Computers)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="64"/>
        <source>The GPS track is a GPX file (its track points are read; QGIS reads GPX itself) or any point layer with a date-time field (&quot;Time field of the track points&quot;), or a line layer whose vertices carry the time as M values (seconds since 1970-01-01 UTC). It may be in any CRS. Track times without a time zone are taken as UTC, as GPS and GPX times are. Positions are interpolated between the two track points around each time, unless they are further apart in time than the longest gap.

Camera clock minus GPS clock: how far the camera&apos;s clock was ahead of the GPS, in seconds (negative when behind). To find it, photograph a screen showing the GPS time (a GPS receiver, or a phone app showing GPS time) with the same camera: the offset is the photo&apos;s capture time minus the time shown in the photo, both read in the same time zone. A camera set to the wrong time zone is corrected either by the time zone setting or by whole hours in the offset.</source>
        <translation>Der GPS-Track ist eine GPX-Datei (ihre Trackpunkte werden gelesen; QGIS liest GPX selbst), ein beliebiger Punktlayer mit einem Datum-Zeit-Feld („Zeitfeld der Trackpunkte“) oder ein Linienlayer, dessen Stützpunkte die Zeit als M-Werte tragen (Sekunden seit 1970-01-01 UTC). Er darf in jedem KBS vorliegen. Trackzeiten ohne Zeitzone gelten als UTC, wie GPS- und GPX-Zeiten. Positionen werden zwischen den beiden Trackpunkten um jede Zeit interpoliert, außer diese liegen zeitlich weiter auseinander als die größte Lücke.

Kamerauhr minus GPS-Uhr: wie weit die Uhr der Kamera dem GPS voraus war, in Sekunden (negativ, wenn sie nachging). Um das herauszufinden, fotografieren Sie mit derselben Kamera einen Bildschirm, der die GPS-Zeit zeigt (ein GPS-Empfänger oder eine Handy-App mit GPS-Zeit): Der Versatz ist die Aufnahmezeit des Fotos minus der im Foto gezeigten Zeit, beide in derselben Zeitzone gelesen. Eine auf die falsche Zeitzone gestellte Kamera wird entweder über die Zeitzone oder mit ganzen Stunden im Versatz korrigiert.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="86"/>
        <source>No GPS track is given. Choose a GPX file or a point layer with times (the plugin does not read GPS recorded inside photo or video files for this: export it as GPX first).</source>
        <translation>Kein GPS-Track angegeben. Wählen Sie eine GPX-Datei oder einen Punktlayer mit Zeiten (das Plugin liest dafür kein in Foto- oder Videodateien aufgezeichnetes GPS: exportieren Sie es zuerst als GPX).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="99"/>
        <source>The track has no time field &apos;{}&apos;. Choose the field holding each point&apos;s date and time.</source>
        <translation>Der Track hat kein Zeitfeld „{}“. Wählen Sie das Feld mit Datum und Uhrzeit jedes Punkts.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="106"/>
        <source>The track has no points with a time: a track without times cannot place photos. Use the GPX file as recorded (with &lt;time&gt; on each point), or a layer with a date-time field.</source>
        <translation>Der Track hat keine Punkte mit Zeit: Ein Track ohne Zeiten kann keine Fotos platzieren. Verwenden Sie die GPX-Datei wie aufgezeichnet (mit &lt;time&gt; an jedem Punkt) oder einen Layer mit Datum-Zeit-Feld.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="112"/>
        <source>The track has only one distinct time ({} point(s)): at least two are needed.</source>
        <translation>Der Track hat nur eine einzige Zeit ({} Punkt(e)): Mindestens zwei sind nötig.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="115"/>
        <source>GPS track: {} points from {} to {} UTC, {:.0f} m travelled while moving.</source>
        <translation>GPS-Track: {} Punkte von {} bis {} UTC, {:.0f} m in Bewegung zurückgelegt.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="179"/>
        <source>{} (this computer&apos;s time zone)</source>
        <translation>{} (die Zeitzone dieses Computers)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/track_input.py" line="192"/>
        <source>Unknown time zone &apos;{}&apos;. Give a name such as Europe/Bucharest or an offset such as UTC+02:00, or leave it empty for this computer&apos;s time zone.</source>
        <translation>Unbekannte Zeitzone „{}“. Geben Sie einen Namen wie Europe/Bucharest oder einen Versatz wie UTC+02:00 an, oder lassen Sie das Feld leer für die Zeitzone dieses Computers.</translation>
    </message>
    <message>
        <location filename="../plugin/core/auth.py" line="173"/>
        <source>Could not reach OpenStreetMap ({}). Check the address and your connection.</source>
        <translation>OpenStreetMap ist nicht erreichbar ({}). Prüfen Sie die Adresse und Ihre Verbindung.</translation>
    </message>
    <message>
        <location filename="../plugin/core/auth.py" line="182"/>
        <source>OpenStreetMap did not accept the code (HTTP {}{}). Start the sign-in again; a code can be used once.</source>
        <translation>OpenStreetMap hat den Code nicht angenommen (HTTP {}{}). Starten Sie die Anmeldung neu; ein Code gilt nur einmal.</translation>
    </message>
    <message>
        <location filename="../plugin/core/network.py" line="125"/>
        <source>QGIS&apos;s network settings give no proxy that can carry {} (an HTTP caching proxy serves only http:// addresses; Qt cannot use a socks5h:// system proxy): QGIS itself could not reach it either. Choose another proxy type in Settings &gt; Options &gt; Network.</source>
        <translation>Die Netzwerkeinstellungen von QGIS nennen keinen Proxy, der {} übertragen kann (ein HTTP-Caching-Proxy bedient nur http://-Adressen; Qt kann keinen socks5h://-Systemproxy verwenden): Auch QGIS selbst könnte es nicht erreichen. Wählen Sie unter Einstellungen &gt; Optionen &gt; Netzwerk einen anderen Proxytyp.</translation>
    </message>
    <message>
        <location filename="../plugin/core/network.py" line="177"/>
        <source>QGIS&apos;s network settings name a SOCKS proxy, and the KartaView plugin needs the Python package PySocks to use one (Debian/Ubuntu: apt install python3-socks; elsewhere: pip install PySocks in QGIS&apos;s Python).</source>
        <translation>Die Netzwerkeinstellungen von QGIS nennen einen SOCKS-Proxy, und das KartaView-Plugin braucht dafür das Python-Paket PySocks (Debian/Ubuntu: apt install python3-socks; sonst: pip install PySocks im Python von QGIS).</translation>
    </message>
</context>
<context>
    <name>CoverageGapsAlgorithm</name>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="64"/>
        <source>Coverage gaps (streets without imagery)</source>
        <translation>Abdeckungslücken (Straßen ohne Bilder)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="87"/>
        <source>Roads (line layer)</source>
        <translation>Straßen (Linienlayer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="89"/>
        <source>Tolerance (meters a sequence may run from a road and still cover it)</source>
        <translation>Toleranz (Abstand in Metern, in dem eine Sequenz an einer Straße vorbeiführen und sie dennoch abdecken kann)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="93"/>
        <source>Road id field (guessed when empty)</source>
        <translation>Feld mit der Straßen-ID (wird erraten, wenn leer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="95"/>
        <source>Road name field (guessed when empty)</source>
        <translation>Feld mit dem Straßennamen (wird erraten, wenn leer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="102"/>
        <source>Roads with coverage</source>
        <translation>Straßen mit Abdeckung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="104"/>
        <source>Coverage gaps</source>
        <translation>Abdeckungslücken</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Road length (km)</source>
        <translation>Straßenlänge (km)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Covered (km)</source>
        <translation>Abgedeckt (km)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Covered share (%)</source>
        <translation>Abgedeckter Anteil (%)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Gaps (km)</source>
        <translation>Lücken (km)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Gap pieces</source>
        <translation>Anzahl der Lücken</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="106"/>
        <source>Sequences used</source>
        <translation>Verwendete Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="110"/>
        <source>Newest capture</source>
        <translation>Neueste Aufnahme</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="111"/>
        <source>Oldest capture</source>
        <translation>Älteste Aufnahme</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="187"/>
        <source>There are no roads to analyse: the layer is empty, no feature is selected or no road has a line geometry.</source>
        <translation>Keine Straßen zu analysieren: Der Layer ist leer, kein Objekt ist ausgewählt oder keine Straße hat eine Liniengeometrie.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="167"/>
        <source>{} roads could not be transformed to metres and count as empty.</source>
        <translation>{} Straßen konnten nicht in Meter umgerechnet werden und gelten als leer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="169"/>
        <source>{} KartaView sequences near {} roads.</source>
        <translation>{} KartaView-Sequenzen in der Nähe von {} Straßen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="185"/>
        <source>{} roads without a line geometry were left out.</source>
        <translation>{} Straßen ohne Liniengeometrie wurden ausgelassen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="197"/>
        <source>Loading KartaView sequences for {:.4f},{:.4f},{:.4f},{:.4f} ({} map tiles)…</source>
        <translation>KartaView-Sequenzen für {:.4f},{:.4f},{:.4f},{:.4f} werden geladen ({} Kacheln)…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="221"/>
        <source>The roads layer has no field &apos;{}&apos;.</source>
        <translation>Der Straßenlayer hat kein Feld „{}“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="226"/>
        <source>Roads: {:.2f} km. Covered: {:.2f} km ({:.1f} %). Gaps: {:.2f} km in {} pieces.</source>
        <translation>Straßen: {:.2f} km. Abgedeckt: {:.2f} km ({:.1f} %). Lücken: {:.2f} km in {} Teilen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="230"/>
        <source>Newest capture: {}. Oldest capture: {}.</source>
        <translation>Neueste Aufnahme: {}. Älteste Aufnahme: {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="233"/>
        <source>No road is driven along by a KartaView sequence.</source>
        <translation>Keine Straße wird von einer KartaView-Sequenz befahren.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="67"/>
        <source>Finds the streets of a road layer that have no KartaView imagery, to plan capture drives.

A road counts as covered where a KartaView sequence runs within the tolerance of it, in either direction. A sequence crossing a road covers only about twice the tolerance of it, and a parallel street farther away than the tolerance is not covered. The capture dates, sequence count and 360 flag of a road come from the sequences running along it (more than 2.5 times the tolerance of it, or nearly all of a short road), not from those only crossing it.

Sequences: by default the KartaView sequences of the roads' extent, loaded through the plugin's cache (complete data is waited for; run again offline over the cache). Or give a sequences line layer, e.g. the output of &quot;Download KartaView sequences, photos or road coverage&quot;: then no network is used. The filters (upload dates from/until, driver, minimum quality, 360° only) apply to both.

Roads with coverage: every input road with covered_m, covered_pct, newest_capture, oldest_capture, sequence_count and has_360. Gaps: the uncovered stretches as lines with their length, the road's id and name and the distance to the nearest covered stretch of any road (0 when a gap continues a covered stretch). Road id and name fields are guessed from common names when not chosen. The log gives the totals.</source>
        <translation>Findet die Straßen eines Straßenlayers, für die es keine KartaView-Bilder gibt, um Aufnahmefahrten zu planen.

Eine Straße gilt dort als abgedeckt, wo eine KartaView-Sequenz innerhalb der Toleranz an ihr entlangführt, in beide Richtungen. Eine Sequenz, die eine Straße kreuzt, deckt nur etwa die doppelte Toleranz davon ab, und eine parallele Straße, die weiter als die Toleranz entfernt ist, ist nicht abgedeckt. Aufnahmedaten, Anzahl der Sequenzen und 360-Kennzeichen einer Straße stammen von den Sequenzen, die an ihr entlangführen (über mehr als das 2,5-Fache der Toleranz oder fast die ganze Länge einer kurzen Straße), nicht von denen, die sie nur kreuzen.

Sequenzen: standardmäßig die KartaView-Sequenzen der Ausdehnung der Straßen, geladen über den Cache des Plugins (es wird auf vollständige Daten gewartet; ein erneuter Lauf funktioniert offline über den Cache). Oder geben Sie einen Linienlayer mit Sequenzen an, z. B. das Ergebnis von „KartaView-Sequenzen, -Fotos oder -Straßenabdeckung herunterladen“: Dann wird kein Netzwerk verwendet. Die Filter (Upload-Datum von/bis, Fahrer, Mindestqualität, nur 360°) gelten in beiden Fällen.

Straßen mit Abdeckung: jede Eingabestraße mit covered_m, covered_pct, newest_capture, oldest_capture, sequence_count und has_360. Lücken: die nicht abgedeckten Abschnitte als Linien mit ihrer Länge, der ID und dem Namen der Straße und dem Abstand zum nächsten abgedeckten Abschnitt irgendeiner Straße (0, wenn eine Lücke einen abgedeckten Abschnitt fortsetzt). Felder für Straßen-ID und -Name werden anhand gängiger Namen erraten, wenn sie nicht gewählt sind. Das Protokoll nennt die Summen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="98"/>
        <source>Sequences layer (instead of loading from KartaView)</source>
        <translation>Sequenzlayer (statt aus KartaView zu laden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="206"/>
        <source>KartaView data for the roads&apos; extent could not be loaded, and was not cached before: {} You can also give a sequences layer (e.g. from &quot;Download KartaView sequences, photos or road coverage&quot;) instead.</source>
        <translation>Die KartaView-Daten für die Ausdehnung der Straßen konnten nicht geladen werden und waren nicht zwischengespeichert: {} Sie können stattdessen auch einen Sequenzlayer angeben (z. B. aus „KartaView-Sequenzen, -Fotos oder -Straßenabdeckung herunterladen“).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_gaps.py" line="191"/>
        <source>{} roads, analysed in {} tiles.</source>
        <translation>{} Straßen, in {} Kacheln analysiert.</translation>
    </message>
</context>
<context>
    <name>CoverageStatisticsAlgorithm</name>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="257"/>
        <source>KartaView coverage statistics</source>
        <translation>KartaView-Abdeckungsstatistik</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="98"/>
        <source>How much KartaView imagery there is, of what and where: kilometres of sequences by capture year, quality band, device and 360° or not, with the newest and oldest capture, per area.

Sequences come from KartaView (in the extent, or the areas' extent) or from a line layer such as the output of &quot;Download KartaView sequences&quot;. Areas are any polygon layer (districts, say); without one the extent is the area. A sequence counts in an area with its length inside it; areas should not overlap for the totals to add up. Given a road layer, the share of its length within the tolerance of a sequence is reported per area too.

Outputs: a table with one row per area, a long table (area, dimension, category, km, sequences) to pivot, and an HTML report with charts, which opens from the Results Viewer.</source>
        <translation>Wie viele KartaView-Bilder es gibt, welcher Art und wo: Kilometer an Sequenzen nach Aufnahmejahr, Qualitätsklasse, Gerät und 360° oder nicht, mit der neuesten und ältesten Aufnahme, je Gebiet.

Die Sequenzen kommen von KartaView (in der Ausdehnung oder der Ausdehnung der Gebiete) oder aus einem Linienlayer wie der Ausgabe von „KartaView-Sequenzen herunterladen“. Gebiete sind ein beliebiger Polygonlayer (zum Beispiel Stadtteile); ohne ihn ist die Ausdehnung das Gebiet. Eine Sequenz zählt in einem Gebiet mit ihrer Länge darin; die Gebiete sollten sich nicht überlappen, damit die Summen aufgehen. Mit einem Straßenlayer wird je Gebiet auch der Anteil seiner Länge innerhalb der Toleranz einer Sequenz angegeben.

Ausgaben: eine Tabelle mit einer Zeile je Gebiet, eine lange Tabelle (Gebiet, Dimension, Kategorie, km, Sequenzen) zum Pivotieren und ein HTML-Bericht mit Diagrammen, der sich im Ergebnisbetrachter öffnet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="186"/>
        <source>Extent</source>
        <translation>Ausdehnung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="111"/>
        <source>Sequences layer (instead of loading them from KartaView)</source>
        <translation>Sequenzlayer (statt sie von KartaView zu laden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="114"/>
        <source>Areas</source>
        <translation>Gebiete</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="116"/>
        <source>Area name field</source>
        <translation>Feld mit dem Gebietsnamen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="118"/>
        <source>Roads (for the covered share)</source>
        <translation>Straßen (für den abgedeckten Anteil)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="121"/>
        <source>Road coverage tolerance (metres)</source>
        <translation>Toleranz der Straßenabdeckung (Meter)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="126"/>
        <source>Statistics per area</source>
        <translation>Statistik je Gebiet</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="128"/>
        <source>Kilometres by year, quality, device and 360°</source>
        <translation>Kilometer nach Jahr, Qualität, Gerät und 360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="131"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="131"/>
        <source>HTML files (*.html)</source>
        <translation>HTML-Dateien (*.html)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="133"/>
        <source>Kilometres of imagery</source>
        <translation>Kilometer an Bildern</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="258"/>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="160"/>
        <source>All areas</source>
        <translation>Alle Gebiete</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="165"/>
        <source>The Python package plotly is missing: the report has tables, no charts.</source>
        <translation>Das Python-Paket plotly fehlt: Der Bericht enthält Tabellen, keine Diagramme.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="169"/>
        <source>{:.2f} km of {} sequences in {} areas.</source>
        <translation>{:.2f} km aus {} Sequenzen in {} Gebieten.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="178"/>
        <source>Area {}</source>
        <translation>Gebiet {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="181"/>
        <source>The areas layer has no polygon to measure in.</source>
        <translation>Der Gebietslayer hat kein Polygon, in dem gemessen werden kann.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="185"/>
        <source>Give an extent or an areas layer.</source>
        <translation>Geben Sie eine Ausdehnung oder einen Gebietslayer an.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="192"/>
        <source>Loading KartaView sequences from {}...</source>
        <translation>KartaView-Sequenzen werden von {} geladen...</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="199"/>
        <source>KartaView data could not be loaded: {}</source>
        <translation>KartaView-Daten konnten nicht geladen werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="216"/>
        <source>Measuring the road coverage...</source>
        <translation>Die Straßenabdeckung wird gemessen...</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="257"/>
        <source>Generated {} from {}.</source>
        <translation>Erstellt am {} aus {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="258"/>
        <source>Area</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="258"/>
        <source>km</source>
        <translation>km</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="259"/>
        <source>Newest capture</source>
        <translation>Neueste Aufnahme</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="259"/>
        <source>Oldest capture</source>
        <translation>Älteste Aufnahme</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="259"/>
        <source>Road km</source>
        <translation>Straßen-km</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="260"/>
        <source>Covered road km</source>
        <translation>Abgedeckte Straßen-km</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="260"/>
        <source>Roads covered %</source>
        <translation>Straßen abgedeckt %</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="261"/>
        <source>Capture year</source>
        <translation>Aufnahmejahr</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="261"/>
        <source>Quality band</source>
        <translation>Qualitätsklasse</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="261"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="262"/>
        <source>360°</source>
        <translation>360°</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="262"/>
        <source>Kilometres by {}</source>
        <translation>Kilometer nach {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="262"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/coverage_statistics.py" line="263"/>
        <source>The charts need the Python package plotly, which this QGIS lacks; the tables are complete.</source>
        <translation>Die Diagramme benötigen das Python-Paket plotly, das diesem QGIS fehlt; die Tabellen sind vollständig.</translation>
    </message>
</context>
<context>
    <name>DownloadSequencesAlgorithm</name>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="71"/>
        <source>Downloads the KartaView data of an extent and writes it to any vector output (GeoPackage, PostGIS, memory...).

Sequences: one line per sequence crossing the extent, drawn through all of its photos in capture order, with its attributes (country, quality, length, photo count, dates, driver, device, 360°, web page). Photos: one point per photo inside the extent, with heading, capture date and image addresses. Road coverage: the road segments KartaView has imagery of, with the number of sequences covering each.

Filters: upload dates from/until, the driver's username, a minimum quality (0-100) and 360° imagery only. Unlike the map layer, this waits until the data of the whole extent is loaded; answers are kept in the plugin's cache, so running it again is fast. The sequence_id and photo_id fields hold KartaView's ids.</source>
        <translation>Lädt die KartaView-Daten einer Ausdehnung herunter und schreibt sie in eine beliebige Vektorausgabe (GeoPackage, PostGIS, Speicher …).

Sequenzen: eine Linie pro Sequenz, die die Ausdehnung durchquert, gezogen durch alle ihre Fotos in Aufnahmereihenfolge, mit ihren Attributen (Land, Qualität, Länge, Anzahl der Fotos, Daten, Fahrer, Gerät, 360°, Webseite). Fotos: ein Punkt pro Foto innerhalb der Ausdehnung, mit Blickrichtung, Aufnahmedatum und Bildadressen. Straßenabdeckung: die Straßenabschnitte, für die KartaView Bilder hat, mit der Anzahl der Sequenzen, die jeden Abschnitt abdecken.

Filter: Upload-Datum von/bis, Benutzername des Fahrers, Mindestqualität (0–100) und nur 360°-Bilder. Anders als der Kartenlayer wartet der Algorithmus, bis die Daten der gesamten Ausdehnung geladen sind; die Antworten bleiben im Cache des Plugins, sodass ein erneuter Lauf schnell ist. Die Felder sequence_id und photo_id enthalten die IDs von KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="85"/>
        <source>Extent</source>
        <translation>Ausdehnung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>What to download</source>
        <translation>Was heruntergeladen wird</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>Sequences (lines)</source>
        <translation>Sequenzen (Linien)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>Photos (points)</source>
        <translation>Fotos (Punkte)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="86"/>
        <source>Road coverage (lines)</source>
        <translation>Straßenabdeckung (Linien)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="91"/>
        <source>KartaView data</source>
        <translation>KartaView-Daten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="93"/>
        <source>Features written</source>
        <translation>Geschriebene Objekte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="100"/>
        <source>The extent is empty.</source>
        <translation>Die Ausdehnung ist leer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="130"/>
        <source>KartaView data could not be downloaded: {}</source>
        <translation>Die KartaView-Daten konnten nicht heruntergeladen werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="146"/>
        <source>{} {} written.</source>
        <translation>{} {} geschrieben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="199"/>
        <source>sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="199"/>
        <source>photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="200"/>
        <source>road segments</source>
        <translation>Straßenabschnitte</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="68"/>
        <source>Download KartaView sequences, photos or road coverage</source>
        <translation>KartaView-Sequenzen, -Fotos oder -Straßenabdeckung herunterladen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="110"/>
        <source>Reading KartaView {} ({} map tiles) from the plugin&apos;s cache, or else from {}...</source>
        <translation>KartaView-{} werden gelesen ({} Kacheln): aus dem Cache des Plugins, sonst von {}…</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="187"/>
        <source>KartaView did not answer {} of {} requests: the data cached earlier was used for them and may be out of date.</source>
        <translation>KartaView hat {} von {} Anfragen nicht beantwortet: Dafür wurden früher zwischengespeicherte Daten verwendet, die veraltet sein können.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="191"/>
        <source>Used the plugin&apos;s cache only: KartaView was not asked again (cached answers are kept {} hours; &apos;Clear KartaView cache&apos; forgets them).</source>
        <translation>Nur der Cache des Plugins wurde verwendet: KartaView wurde nicht erneut gefragt (Antworten werden {} Stunden aufbewahrt; „KartaView-Cache leeren“ verwirft sie).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="195"/>
        <source>{} of {} answers came from the plugin&apos;s cache, {} from KartaView.</source>
        <translation>{} von {} Antworten kamen aus dem Cache des Plugins, {} von KartaView.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/download_sequences.py" line="179"/>
        <source>Style and time range saved beside the output: {}</source>
        <translation>Stil und Zeitbereich neben der Ausgabe gespeichert: {}</translation>
    </message>
</context>
<context>
    <name>FilterParameters</name>
    <message>
        <location filename="../plugin/processing/filters.py" line="34"/>
        <source>Uploaded on or after</source>
        <translation>Hochgeladen am oder nach dem</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="36"/>
        <source>Uploaded on or before</source>
        <translation>Hochgeladen am oder vor dem</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="38"/>
        <source>Only this driver (username)</source>
        <translation>Nur dieser Fahrer (Benutzername)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="40"/>
        <source>Minimum quality (0-100)</source>
        <translation>Mindestqualität (0–100)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="43"/>
        <source>360° imagery only</source>
        <translation>Nur 360°-Bilder</translation>
    </message>
    <message>
        <location filename="../plugin/processing/filters.py" line="57"/>
        <source>The &apos;uploaded on or after&apos; date is later than the &apos;uploaded on or before&apos; date.</source>
        <translation>Das Datum „hochgeladen am oder nach dem“ liegt nach dem Datum „hochgeladen am oder vor dem“.</translation>
    </message>
</context>
<context>
    <name>GeotagPhotosAlgorithm</name>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="70"/>
        <source>Geotag photos from a GPS track</source>
        <translation>Fotos mit einem GPS-Track georeferenzieren</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="73"/>
        <source>Places photos taken without GPS (an action camera in time-lapse, a camera beside a phone logging GPX) on a GPS track by their capture times, ready for &quot;Upload photos to KartaView&quot;. The photos are the JPEGs of a folder, or a layer with a photo path field such as the one &quot;Import geotagged photos&quot; makes (its table of photos without a position too). The photo files are only read, never modified.

Each photo&apos;s capture time is the camera&apos;s EXIF DateTimeOriginal (with its sub-seconds). It is read in the time zone chosen, unless the photo states its own (OffsetTimeOriginal); the log says which zone was used.

</source>
        <translation>Platziert ohne GPS aufgenommene Fotos (eine Action-Cam im Zeitraffer, eine Kamera neben einem Handy, das GPX aufzeichnet) anhand ihrer Aufnahmezeiten auf einem GPS-Track, bereit für „Fotos zu KartaView hochladen“. Die Fotos sind die JPEGs eines Ordners oder ein Layer mit einem Fotopfad-Feld wie der, den „Geotagged Fotos importieren“ erzeugt (auch seine Tabelle der Fotos ohne Position). Die Fotodateien werden nur gelesen, nie verändert.

Die Aufnahmezeit jedes Fotos ist das EXIF-DateTimeOriginal der Kamera (mit Sekundenbruchteilen). Sie wird in der gewählten Zeitzone gelesen, außer das Foto nennt seine eigene (OffsetTimeOriginal); das Protokoll sagt, welche Zone verwendet wurde.

</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="81"/>
        <source>

The output has one point per photo the track covers: the photo path, the time in UTC, the position on the track at that time, and the direction: the photo&apos;s own (GPSImgDirection) where it has one, else the track&apos;s direction of travel. The second output lists the photos the track does not cover, with the reason (before or after the track, in a gap of the track, no capture time, unreadable file).</source>
        <translation>

Die Ausgabe hat einen Punkt je Foto, das der Track abdeckt: den Fotopfad, die Zeit in UTC, die Position auf dem Track zu dieser Zeit und die Richtung: die des Fotos (GPSImgDirection), wo es eine hat, sonst die Fahrtrichtung des Tracks. Die zweite Ausgabe listet die Fotos, die der Track nicht abdeckt, mit dem Grund (vor oder nach dem Track, in einer Lücke des Tracks, keine Aufnahmezeit, unlesbare Datei).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="89"/>
        <source>Folder of photos</source>
        <translation>Fotoordner</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="92"/>
        <source>Include the photos of subfolders</source>
        <translation>Fotos aus Unterordnern einbeziehen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="94"/>
        <source>Or a layer of photos (e.g. made by Import geotagged photos)</source>
        <translation>Oder ein Fotolayer (z. B. von „Geotagged Fotos importieren“)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="97"/>
        <source>Photo file field</source>
        <translation>Feld der Fotodatei</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="101"/>
        <source>Geotagged photos</source>
        <translation>Georeferenzierte Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="103"/>
        <source>Photos the track does not cover</source>
        <translation>Vom Track nicht abgedeckte Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="106"/>
        <source>Photos geotagged</source>
        <translation>Georeferenzierte Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="107"/>
        <source>Photos not covered</source>
        <translation>Nicht abgedeckte Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="114"/>
        <source>Camera times without a time zone are read in {}; the camera clock is taken as {:+.1f} s ahead of the GPS clock.</source>
        <translation>Kamerazeiten ohne Zeitzone werden in {} gelesen; die Kamerauhr gilt als {:+.1f} s vor der GPS-Uhr.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="140"/>
        <source>The photo file cannot be read ({}).</source>
        <translation>Die Fotodatei kann nicht gelesen werden ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="144"/>
        <source>The photo has no capture time (EXIF DateTimeOriginal).</source>
        <translation>Das Foto hat keine Aufnahmezeit (EXIF DateTimeOriginal).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="170"/>
        <source>{} photo(s) state their own time zone (EXIF OffsetTimeOriginal): that zone was used for them.</source>
        <translation>{} Foto(s) nennen ihre eigene Zeitzone (EXIF OffsetTimeOriginal): Für sie wurde diese Zone verwendet.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="172"/>
        <source>Geotagged {} photo(s); {} not covered by the track.</source>
        <translation>{} Foto(s) georeferenziert; {} vom Track nicht abgedeckt.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="174"/>
        <source>No photo falls within the track: the photos were taken from {} to {} (UTC on the GPS clock, after the time zone and offset), the track runs from {} to {}. Check the time offset and the camera&apos;s time zone.</source>
        <translation>Kein Foto fällt in den Track: Die Fotos wurden von {} bis {} aufgenommen (UTC nach GPS-Uhr, nach Zeitzone und Versatz), der Track reicht von {} bis {}. Prüfen Sie den Zeitversatz und die Zeitzone der Kamera.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="189"/>
        <source>Choose a folder of photos or a layer of photos.</source>
        <translation>Wählen Sie einen Fotoordner oder einen Fotolayer.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="191"/>
        <source>The folder of photos {} does not exist.</source>
        <translation>Der Fotoordner {} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="199"/>
        <source>The layer of photos has no field &apos;{}&apos;.</source>
        <translation>Der Fotolayer hat kein Feld „{}“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="227"/>
        <source>Taken {:.1f} s before the track starts.</source>
        <translation>{:.1f} s vor Beginn des Tracks aufgenommen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="229"/>
        <source>Taken {:.1f} s after the track ends.</source>
        <translation>{:.1f} s nach Ende des Tracks aufgenommen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/geotag_photos.py" line="230"/>
        <source>Taken in a gap of the track ({:.1f} s without a GPS point).</source>
        <translation>In einer Lücke des Tracks aufgenommen ({:.1f} s ohne GPS-Punkt).</translation>
    </message>
</context>
<context>
    <name>KartaViewOptionsFactory</name>
    <message>
        <location filename="../plugin/gui/options_page.py" line="186"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
</context>
<context>
    <name>KartaViewOptionsPage</name>
    <message>
        <location filename="../plugin/gui/options_page.py" line="91"/>
        <source>Set by the environment variable {}</source>
        <translation>Durch die Umgebungsvariable {} festgelegt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="97"/>
        <source>Environment variables decide some values; they cannot be changed here: {}</source>
        <translation>Einige Werte sind durch Umgebungsvariablen festgelegt und können hier nicht geändert werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="117"/>
        <source>Could not clear the cache: {}</source>
        <translation>Der Cache konnte nicht geleert werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="159"/>
        <source>Could not save the KartaView settings: {}</source>
        <translation>Die KartaView-Einstellungen konnten nicht gespeichert werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="125"/>
        <source>The account is set by the environment variable {}.</source>
        <translation>Das Konto ist durch die Umgebungsvariable {} festgelegt.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="127"/>
        <source>Signed in as {}.</source>
        <translation>Angemeldet als {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="129"/>
        <source>Signed in.</source>
        <translation>Angemeldet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="131"/>
        <source>Not signed in. Sign in to upload photos.</source>
        <translation>Nicht angemeldet. Melden Sie sich an, um Fotos hochzuladen.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="152"/>
        <source>Could not sign out: {}</source>
        <translation>Abmelden fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="108"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="145"/>
        <source>Could not open the sign-in dialog: {}</source>
        <translation>Der Anmeldedialog konnte nicht geöffnet werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="107"/>
        <source>Could not read the cache: {}</source>
        <translation>Der Cache konnte nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="133"/>
        <source>Uploads use the access token of the environment variable {}.</source>
        <translation>Uploads verwenden das Zugriffstoken aus der Umgebungsvariable {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="111"/>
        <source>{} MB</source>
        <translation>{} MB</translation>
    </message>
</context>
<context>
    <name>KartaViewPlugin</name>
    <message>
        <location filename="../plugin/plugin.py" line="70"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
</context>
<context>
    <name>KartaViewProcessingProvider</name>
    <message>
        <location filename="../plugin/processing/provider.py" line="31"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
</context>
<context>
    <name>KartaViewProvider</name>
    <message>
        <location filename="../plugin/provider/provider.py" line="68"/>
        <source>Cannot open the KartaView layer {!r}: {}</source>
        <translation>Der KartaView-Layer {!r} kann nicht geöffnet werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="84"/>
        <source>Reading the KartaView layer failed: {}</source>
        <translation>Das Lesen des KartaView-Layers ist fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="103"/>
        <source>KartaView web service</source>
        <translation>KartaView-Webdienst</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="165"/>
        <source>Counting KartaView features failed: {}</source>
        <translation>Das Zählen der KartaView-Objekte ist fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="185"/>
        <source>Computing the KartaView layer extent failed: {}</source>
        <translation>Die Berechnung der Ausdehnung des KartaView-Layers ist fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="242"/>
        <source>Zoomed out too far: zoom in to load KartaView road coverage (showing what is loaded).</source>
        <translation>Zu weit herausgezoomt: Zoomen Sie hinein, um die KartaView-Straßenabdeckung zu laden (angezeigt wird, was bereits geladen ist).</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="243"/>
        <source>Zoomed out too far to list KartaView {}: zoom in, or add the KartaView coverage layer for this scale (showing what is loaded).</source>
        <translation>Zu weit herausgezoomt, um KartaView-{} aufzulisten: Zoomen Sie hinein oder fügen Sie für diesen Maßstab den KartaView-Abdeckungslayer hinzu (angezeigt wird, was bereits geladen ist).</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="246"/>
        <source>Loading KartaView {}...</source>
        <translation>KartaView-{} werden geladen…</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="248"/>
        <source>KartaView did not answer for part of the view: showing what is loaded.</source>
        <translation>KartaView hat für einen Teil der Ansicht nicht geantwortet: Angezeigt wird, was bereits geladen ist.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="252"/>
        <source>sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="252"/>
        <source>photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="252"/>
        <source>road coverage</source>
        <translation>Straßenabdeckung</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="257"/>
        <source>Road coverage from /1.0/tracks/ (number of sequences per road segment)</source>
        <translation>Straßenabdeckung aus /1.0/tracks/ (Anzahl der Sequenzen pro Straßenabschnitt)</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="259"/>
        <source>Photos from nearby-photos tiles; sequence lines from each sequence&apos;s photo list</source>
        <translation>Fotos aus den nearby-photos-Kacheln; Sequenzlinien aus der Fotoliste jeder Sequenz</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="260"/>
        <source>complete for the view</source>
        <translation>vollständig für die Ansicht</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="261"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="261"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="264"/>
        <source>Describing the KartaView layer failed: {}</source>
        <translation>Die Beschreibung des KartaView-Layers ist fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="41"/>
        <source>KartaView street imagery (sequences, photos, road coverage)</source>
        <translation>KartaView-Straßenbilder (Sequenzen, Fotos, Straßenabdeckung)</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="63"/>
        <source>the layer filter {!r} is not valid: {}</source>
        <translation>der Layerfilter {!r} ist ungültig: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="123"/>
        <source>The KartaView layer filter {!r} is not valid: {}</source>
        <translation>Der Filter des KartaView-Layers {!r} ist ungültig: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="132"/>
        <source>Setting the KartaView layer filter failed: {}</source>
        <translation>Der Filter des KartaView-Layers konnte nicht gesetzt werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/provider/provider.py" line="225"/>
        <source>Reloading the KartaView layer failed: {}</source>
        <translation>Das Neuladen des KartaView-Layers ist fehlgeschlagen: {}</translation>
    </message>
</context>
<context>
    <name>KartaViewRootItem</name>
    <message>
        <location filename="../plugin/gui/browser.py" line="27"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/browser.py" line="29"/>
        <source>KartaView street-level imagery: sequences, photos and road coverage</source>
        <translation>KartaView-Straßenbilder: Sequenzen, Fotos und Straßenabdeckung</translation>
    </message>
</context>
<context>
    <name>LoaderFetch</name>
    <message>
        <location filename="../plugin/provider/loader_fetch.py" line="64"/>
        <source>The extent is too large to download from KartaView at once: it covers {} map tiles, and at most {} are downloaded in one run (a metropolitan area). Choose a smaller extent, or split it into parts and run the download on each.</source>
        <translation>Die Ausdehnung ist zu groß, um sie auf einmal von KartaView herunterzuladen: Sie umfasst {} Kartenkacheln, und pro Lauf werden höchstens {} heruntergeladen (ein Ballungsraum). Wählen Sie eine kleinere Ausdehnung, oder teilen Sie sie auf und starten Sie den Download für jeden Teil.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/loader_fetch.py" line="134"/>
        <source>Using KartaView data cached earlier: {}</source>
        <translation>Es werden früher zwischengespeicherte KartaView-Daten verwendet: {}</translation>
    </message>
</context>
<context>
    <name>LoaderJobs</name>
    <message>
        <location filename="../plugin/provider/loader_jobs.py" line="219"/>
        <source>KartaView has more data in {} map tile(s) than the plugin reads per tile ({} pages): {} of the {} records it reported there were loaded, the newest first.</source>
        <translation>KartaView hat in {} Kartenkachel(n) mehr Daten, als das Plugin pro Kachel liest ({} Seiten): {} der {} gemeldeten Datensätze wurden dort geladen, die neuesten zuerst.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/loader_jobs.py" line="223"/>
        <source>{} record(s) KartaView sent could not be read (a missing or out-of-range id) and were left out.</source>
        <translation>{} von KartaView gesendete Datensätze konnten nicht gelesen werden (fehlende oder ungültige ID) und wurden ausgelassen.</translation>
    </message>
    <message>
        <location filename="../plugin/provider/loader_jobs.py" line="285"/>
        <source>{} The KartaView layers show what was loaded before and load the rest once KartaView answers.</source>
        <translation>{} Die KartaView-Layer zeigen, was zuvor geladen wurde, und laden den Rest, sobald KartaView antwortet.</translation>
    </message>
</context>
<context>
    <name>OptionsComponent</name>
    <message>
        <location filename="../plugin/gui/options_page.py" line="206"/>
        <source>KartaView Settings…</source>
        <translation>KartaView-Einstellungen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/options_page.py" line="216"/>
        <source>Could not open the KartaView settings: {}</source>
        <translation>Die KartaView-Einstellungen konnten nicht geöffnet werden: {}</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../ui/options_page.ui" line="24"/>
        <source>KartaView server</source>
        <translation>KartaView-Server</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="30"/>
        <source>API address</source>
        <translation>API-Adresse</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="40"/>
        <source>Address of the KartaView API. Leave empty for the public KartaView service.</source>
        <translation>Adresse der KartaView-API. Leer lassen, um den öffentlichen KartaView-Dienst zu verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="47"/>
        <source>Allow plain http:// to other computers (the access token then travels unencrypted)</source>
        <translation>Unverschlüsseltes http:// zu anderen Rechnern erlauben (das Zugriffstoken wird dann im Klartext übertragen)</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="50"/>
        <source>Only for a test server you trust on your own network. Addresses on this computer are always allowed.</source>
        <translation>Nur für einen vertrauenswürdigen Testserver im eigenen Netz. Adressen auf diesem Rechner sind immer erlaubt.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="60"/>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="66"/>
        <source>Maximum size</source>
        <translation>Maximale Größe</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="76"/>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="92"/>
        <source>Refresh after</source>
        <translation>Aktualisieren nach</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="102"/>
        <source>Cached KartaView answers older than this are fetched again.</source>
        <translation>Zwischengespeicherte KartaView-Antworten, die älter sind, werden neu abgerufen.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="105"/>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="118"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="132"/>
        <source>Current size</source>
        <translation>Aktuelle Größe</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="157"/>
        <source>Clear cache</source>
        <translation>Cache leeren</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="169"/>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="175"/>
        <source>Parallel uploads</source>
        <translation>Gleichzeitige Uploads</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="185"/>
        <source>How many photos are sent at the same time.</source>
        <translation>Wie viele Fotos gleichzeitig gesendet werden.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="254"/>
        <source>Default filters of new layers</source>
        <translation>Standardfilter für neue Layer</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="260"/>
        <source>Minimum quality</source>
        <translation>Mindestqualität</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="270"/>
        <source>Any</source>
        <translation>Beliebig</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="280"/>
        <source>Only 360° imagery</source>
        <translation>Nur 360°-Bilder</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="287"/>
        <source>Only added since</source>
        <translation>Nur hinzugefügt seit</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="304"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="314"/>
        <source>Only show imagery of this KartaView user. Leave empty for everyone.</source>
        <translation>Nur Bilder dieses KartaView-Benutzers anzeigen. Leer lassen für alle Benutzer.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="324"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="337"/>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="344"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="201"/>
        <source>Video (FFmpeg)</source>
        <translation>Video (FFmpeg)</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="207"/>
        <source>Sampling videos needs FFmpeg&apos;s programs, which QGIS does not include. Leave empty to use those found on the PATH.</source>
        <translation>Das Abtasten von Videos braucht die Programme von FFmpeg, die QGIS nicht mitbringt. Leer lassen, um die im PATH gefundenen zu verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="217"/>
        <source>ffmpeg program</source>
        <translation>Programm ffmpeg</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="227"/>
        <source>Full path of the ffmpeg program, e.g. C:\ffmpeg\bin\ffmpeg.exe</source>
        <translation>Vollständiger Pfad des Programms ffmpeg, z. B. C:\ffmpeg\bin\ffmpeg.exe</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="234"/>
        <source>ffprobe program</source>
        <translation>Programm ffprobe</translation>
    </message>
    <message>
        <location filename="../ui/options_page.ui" line="244"/>
        <source>Full path of the ffprobe program, e.g. C:\ffmpeg\bin\ffprobe.exe</source>
        <translation>Vollständiger Pfad des Programms ffprobe, z. B. C:\ffmpeg\bin\ffprobe.exe</translation>
    </message>
</context>
<context>
    <name>OutputStyler</name>
    <message>
        <location filename="../plugin/processing/styling.py" line="29"/>
        <source>The style {} was not applied: {}</source>
        <translation>Der Stil {} wurde nicht angewendet: {}</translation>
    </message>
</context>
<context>
    <name>PhotoComponent</name>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="56"/>
        <source>KartaView photo panel</source>
        <translation>KartaView-Fotobereich</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="77"/>
        <source>Show KartaView photo</source>
        <translation>KartaView-Foto anzeigen</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="124"/>
        <source>This feature names no KartaView photo.</source>
        <translation>Dieses Objekt verweist auf kein KartaView-Foto.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="129"/>
        <source>Could not show the photo: {}</source>
        <translation>Das Foto konnte nicht angezeigt werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="132"/>
        <source>No KartaView photo near this point.</source>
        <translation>Kein KartaView-Foto in der Nähe dieses Punktes.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="135"/>
        <source>Could not search KartaView photos: {}</source>
        <translation>KartaView-Fotos konnten nicht gesucht werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="151"/>
        <source>KartaView</source>
        <translation>KartaView</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_component.py" line="65"/>
        <source>Click a street to see its photo.</source>
        <translation>Klicken Sie auf eine Straße, um ihr Foto zu sehen.</translation>
    </message>
</context>
<context>
    <name>PhotoDetails</name>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="43"/>
        <source>{} (id {})</source>
        <translation>{} (ID {})</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="72"/>
        <source>Save the photo</source>
        <translation>Foto speichern</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="72"/>
        <source>JPEG images (*.jpg *.jpeg)</source>
        <translation>JPEG-Bilder (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_details.py" line="80"/>
        <source>Saved to {}</source>
        <translation>Gespeichert unter {}</translation>
    </message>
</context>
<context>
    <name>PhotoDock</name>
    <message>
        <location filename="../ui/photo_dock.ui" line="6"/>
        <source>KartaView Photo</source>
        <translation>KartaView-Foto</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="20"/>
        <source>Pick a photo on the map with the “Show KartaView photo” tool.</source>
        <translation>Wählen Sie mit dem Werkzeug „KartaView-Foto anzeigen“ ein Foto auf der Karte.</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="40"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="48"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="49"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="50"/>
        <source>Fit the photo in the view</source>
        <translation>Foto in die Ansicht einpassen</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="51"/>
        <source>Load the full-resolution image</source>
        <translation>Bild in voller Auflösung laden</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="51"/>
        <source>Full</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="57"/>
        <source>First photo of the sequence (Home)</source>
        <translation>Erstes Foto der Sequenz (Pos1)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="58"/>
        <source>Previous photo (Left arrow)</source>
        <translation>Vorheriges Foto (Pfeil nach links)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="59"/>
        <source>Play the sequence</source>
        <translation>Sequenz abspielen</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="60"/>
        <source>Next photo (Right arrow)</source>
        <translation>Nächstes Foto (Pfeil nach rechts)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="61"/>
        <source>Last photo of the sequence (End)</source>
        <translation>Letztes Foto der Sequenz (Ende)</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="62"/>
        <source>Playback speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="63"/>
        <source>Photo index in the sequence</source>
        <translation>Nummer des Fotos in der Sequenz</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="71"/>
        <source>Position in the sequence</source>
        <translation>Position in der Sequenz</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="76"/>
        <source>Photo details</source>
        <translation>Fotodetails</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="79"/>
        <source>Sequence:</source>
        <translation>Sequenz:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="81"/>
        <source>Photo:</source>
        <translation>Foto:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="83"/>
        <source>Captured:</source>
        <translation>Aufgenommen:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="85"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="87"/>
        <source>Heading:</source>
        <translation>Blickrichtung:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="89"/>
        <source>GPS accuracy:</source>
        <translation>GPS-Genauigkeit:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="91"/>
        <source>Projection:</source>
        <translation>Projektion:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="93"/>
        <source>Device:</source>
        <translation>Gerät:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="95"/>
        <source>Link:</source>
        <translation>Link:</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="102"/>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="102"/>
        <source>Open this photo on the KartaView website</source>
        <translation>Dieses Foto auf der KartaView-Website öffnen</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="103"/>
        <source>Copy the link to this photo</source>
        <translation>Link zu diesem Foto kopieren</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="104"/>
        <source>Save the photo to a file</source>
        <translation>Foto in einer Datei speichern</translation>
    </message>
    <message>
        <location filename="../ui/photo_dock.ui" line="110"/>
        <source>Keep the map centred on the photo</source>
        <translation>Karte auf das Foto zentriert halten</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="168"/>
        <source>Loading sequence {}…</source>
        <translation>Sequenz {} wird geladen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="188"/>
        <source>Could not read the photos of sequence {}: {}</source>
        <translation>Die Fotos der Sequenz {} konnten nicht gelesen werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="198"/>
        <source>Sequence {} has no photos.</source>
        <translation>Sequenz {} enthält keine Fotos.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="279"/>
        <source>of {}</source>
        <translation>von {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="317"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="338"/>
        <source>Loading the full-resolution image…</source>
        <translation>Bild in voller Auflösung wird geladen…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="354"/>
        <source>{} × {} px ({})</source>
        <translation>{} × {} px ({})</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="365"/>
        <source>Could not load photo {}: {}</source>
        <translation>Foto {} konnte nicht geladen werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="142"/>
        <source>Something went wrong: {}</source>
        <translation>Etwas ist schiefgelaufen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="323"/>
        <source>thumbnail</source>
        <translation>Vorschaubild</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="323"/>
        <source>large</source>
        <translation>groß</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_dock.py" line="324"/>
        <source>full resolution</source>
        <translation>volle Auflösung</translation>
    </message>
</context>
<context>
    <name>PhotoFolderGpxPreviewModel</name>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="103"/>
        <source>Photo folder and GPS track to KartaView (upload preview)</source>
        <translation>Fotoordner und GPS-Track zu KartaView (Upload-Vorschau)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="106"/>
        <source>Geotags the photos of a folder with a GPS track (&quot;Geotag photos from a GPS track&quot;: a GPX file or a layer with times, the camera clock&apos;s offset and time zone) and plans their upload to KartaView (&quot;Upload photos to KartaView&quot;). By default a dry run: nothing is sent, and the planned sequences and the photos are shown on the map; the photos the track does not cover are listed with the reason. Turn the dry run off to upload (sign in first). Run it in batch mode over many folders: one row per folder, each with its track.

The model is a .model3 file in the plugin&apos;s processing/models folder: open it in the Model Designer to adapt it.</source>
        <translation>Georeferenziert die Fotos eines Ordners mit einem GPS-Track („Fotos mit einem GPS-Track georeferenzieren“: eine GPX-Datei oder ein Layer mit Zeiten, Versatz und Zeitzone der Kamerauhr) und plant ihren Upload zu KartaView („Fotos zu KartaView hochladen“). Standardmäßig ein Probelauf: Nichts wird gesendet, und die geplanten Sequenzen und die Fotos werden auf der Karte gezeigt; die Fotos, die der Track nicht abdeckt, werden mit dem Grund aufgelistet. Schalten Sie den Probelauf ab, um hochzuladen (melden Sie sich zuerst an). Führen Sie es im Stapelmodus über viele Ordner aus: eine Zeile pro Ordner, jede mit ihrem Track.

Das Modell ist eine .model3-Datei im Ordner processing/models der Erweiterung: Öffnen Sie es in der Modellerstellung, um es anzupassen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="118"/>
        <source>Photo folder</source>
        <translation>Fotoordner</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="119"/>
        <source>Include sub-folders</source>
        <translation>Unterordner einbeziehen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="120"/>
        <source>GPS track (GPX file or point/line layer with times)</source>
        <translation>GPS-Track (GPX-Datei oder Punkt-/Linienlayer mit Zeiten)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="122"/>
        <source>Camera clock minus GPS clock (seconds)</source>
        <translation>Kamerauhr minus GPS-Uhr (Sekunden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="123"/>
        <source>Time zone of the camera clock (e.g. Europe/Bucharest or UTC+02:00; empty: this computer&apos;s)</source>
        <translation>Zeitzone der Kamerauhr (z. B. Europe/Bucharest oder UTC+02:00; leer: die dieses Computers)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="125"/>
        <source>Dry run (plan and preview, send nothing)</source>
        <translation>Probelauf (planen und Vorschau zeigen, nichts senden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="126"/>
        <source>Maximum time gap within a sequence (seconds)</source>
        <translation>Maximale Zeitlücke innerhalb einer Sequenz (Sekunden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="127"/>
        <source>Maximum distance gap within a sequence (meters)</source>
        <translation>Maximale Abstandslücke innerhalb einer Sequenz (Meter)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="129"/>
        <source>Photos twice as wide as high without GPano XMP are 360°</source>
        <translation>Fotos, die doppelt so breit wie hoch sind und kein GPano-XMP haben, sind 360°-Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="131"/>
        <source>Photos the track does not cover</source>
        <translation>Vom Track nicht abgedeckte Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="132"/>
        <source>Upload report</source>
        <translation>Upload-Bericht</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="133"/>
        <source>Planned sequences</source>
        <translation>Geplante Sequenzen</translation>
    </message>
</context>
<context>
    <name>PhotoFolderPreviewModel</name>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="67"/>
        <source>Photo folder to KartaView (upload preview)</source>
        <translation>Fotoordner zu KartaView (Upload-Vorschau)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="70"/>
        <source>Imports the geotagged photos of a folder (&quot;Import geotagged photos&quot;) and plans their upload to KartaView (&quot;Upload photos to KartaView&quot;). By default a dry run: nothing is sent, and the planned sequences and the photos are shown on the map, coloured by sequence and skip reason. Turn the dry run off to upload (sign in first). Run it in batch mode over many folders: one row per folder.

The model is a .model3 file in the plugin&apos;s processing/models folder: open it in the Model Designer to adapt it (e.g. add a geotagging step before the upload).</source>
        <translation>Importiert die georeferenzierten Fotos eines Ordners („Geotagged Fotos importieren“) und plant ihren Upload zu KartaView („Fotos zu KartaView hochladen“). Standardmäßig ein Probelauf: Nichts wird gesendet, und die geplanten Sequenzen und die Fotos werden auf der Karte gezeigt, nach Sequenz und Grund des Überspringens eingefärbt. Schalten Sie den Probelauf ab, um hochzuladen (melden Sie sich zuerst an). Führen Sie es im Stapelmodus über viele Ordner aus: eine Zeile pro Ordner.

Das Modell ist eine .model3-Datei im Ordner processing/models der Erweiterung: Öffnen Sie es in der Modellerstellung, um es anzupassen (z. B. einen Georeferenzierungsschritt vor dem Upload einzufügen).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="80"/>
        <source>Photo folder</source>
        <translation>Fotoordner</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="81"/>
        <source>Include sub-folders</source>
        <translation>Unterordner einbeziehen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="82"/>
        <source>Dry run (plan and preview, send nothing)</source>
        <translation>Probelauf (planen und Vorschau zeigen, nichts senden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="83"/>
        <source>Maximum time gap within a sequence (seconds)</source>
        <translation>Maximale Zeitlücke innerhalb einer Sequenz (Sekunden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="84"/>
        <source>Maximum distance gap within a sequence (meters)</source>
        <translation>Maximale Abstandslücke innerhalb einer Sequenz (Meter)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="86"/>
        <source>Photos twice as wide as high without GPano XMP are 360°</source>
        <translation>Fotos, die doppelt so breit wie hoch sind und kein GPano-XMP haben, sind 360°-Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="88"/>
        <source>Upload report</source>
        <translation>Upload-Bericht</translation>
    </message>
    <message>
        <location filename="../plugin/processing/models/__init__.py" line="89"/>
        <source>Planned sequences</source>
        <translation>Geplante Sequenzen</translation>
    </message>
</context>
<context>
    <name>PhotoLoader</name>
    <message>
        <location filename="../plugin/gui/photo_loader.py" line="169"/>
        <source>The image of photo {} is not a readable JPEG.</source>
        <translation>Das Bild von Foto {} ist kein lesbares JPEG.</translation>
    </message>
</context>
<context>
    <name>PhotoPlayback</name>
    <message>
        <location filename="../plugin/gui/photo_playback.py" line="27"/>
        <source>{}×</source>
        <translation>{}×</translation>
    </message>
    <message>
        <location filename="../plugin/gui/photo_playback.py" line="47"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>PhotoRecovery</name>
    <message>
        <location filename="../plugin/gui/photo_recovery.py" line="35"/>
        <source>The panel tries again by itself every few seconds.</source>
        <translation>Das Bedienfeld versucht es alle paar Sekunden von selbst erneut.</translation>
    </message>
</context>
<context>
    <name>SampleVideoAlgorithm</name>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="59"/>
        <source>Sample video frames along a GPS track</source>
        <translation>Videobilder entlang eines GPS-Tracks entnehmen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="62"/>
        <source>Turns a video (MP4, MOV; 360° equirectangular included) and the GPS track recorded with it into JPEG photos every few metres of travel, ready for &quot;Upload photos to KartaView&quot; (KartaView prefers photos to video). No frames are taken while standing still.

The video's start is its creation time (as the camera wrote it in the file) unless given; the time of a frame on the GPS clock is that start plus its time in the video, minus the camera clock's lead over the GPS. Cameras often write a local time as if it were UTC: the offset corrects that too (e.g. 7200 for a camera on UTC+2).

The GPS data some cameras record inside the video (GoPro's GPMF telemetry, Insta360's and DJI's own formats) is not read: export it as GPX first (e.g. with the camera maker's app or gopro2gpx).

</source>
        <translation>Macht aus einem Video (MP4, MOV; auch 360° equirektangular) und dem dazu aufgezeichneten GPS-Track JPEG-Fotos alle paar Meter Fahrt, bereit für „Fotos zu KartaView hochladen“ (KartaView bevorzugt Fotos gegenüber Video). Im Stand werden keine Bilder entnommen.

Der Beginn des Videos ist seine Erstellungszeit (wie die Kamera sie in die Datei schrieb), sofern nicht angegeben; die Zeit eines Bildes nach GPS-Uhr ist dieser Beginn plus seine Zeit im Video, minus dem Vorsprung der Kamerauhr vor dem GPS. Kameras schreiben oft eine Ortszeit, als wäre sie UTC: Der Versatz korrigiert auch das (z. B. 7200 für eine Kamera auf UTC+2).

Die GPS-Daten, die manche Kameras im Video aufzeichnen (GoPros GPMF-Telemetrie, die eigenen Formate von Insta360 und DJI), werden nicht gelesen: Exportieren Sie sie zuerst als GPX (z. B. mit der App des Kameraherstellers oder gopro2gpx).

</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="72"/>
        <source>360° video is recognised by its spherical metadata or by its 2:1 shape (choose &quot;flat&quot; to turn that off); its frames are marked projection = SPHERE so that they are uploaded as 360° photos.

Decoding uses FFmpeg's programs ffmpeg and ffprobe, which QGIS's installers do not include: they are found on the PATH, or set in Settings ▸ Options ▸ KartaView.

</source>
        <translation>360°-Video wird an seinen sphärischen Metadaten oder seinem 2:1-Format erkannt (wählen Sie „Flach“, um das abzuschalten); seine Bilder werden mit projection = SPHERE markiert, damit sie als 360°-Fotos hochgeladen werden.

Das Dekodieren nutzt die FFmpeg-Programme ffmpeg und ffprobe, die die QGIS-Installer nicht enthalten: Sie werden im PATH gefunden oder unter Einstellungen ▸ Optionen ▸ KartaView festgelegt.

</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="79"/>
        <source>Video file</source>
        <translation>Videodatei</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="79"/>
        <source>Videos (*.mp4 *.MP4 *.mov *.MOV *.m4v *.insv *.360 *.avi *.mkv);;All files (*)</source>
        <translation>Videos (*.mp4 *.MP4 *.mov *.MOV *.m4v *.insv *.360 *.avi *.mkv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="83"/>
        <source>Distance between frames (metres of travel)</source>
        <translation>Abstand zwischen Bildern (gefahrene Meter)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="87"/>
        <source>Start of the video, UTC on the camera clock (ISO 8601; empty: the video&apos;s creation time)</source>
        <translation>Beginn des Videos, UTC nach Kamerauhr (ISO 8601; leer: die Erstellungszeit des Videos)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="90"/>
        <source>Projection</source>
        <translation>Projektion</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="90"/>
        <source>Detect (360° metadata or 2:1 shape)</source>
        <translation>Erkennen (360°-Metadaten oder 2:1-Format)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="121"/>
        <source>360° equirectangular</source>
        <translation>360° equirektangular</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="90"/>
        <source>Flat</source>
        <translation>Flach</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="94"/>
        <source>Folder for the frames</source>
        <translation>Ordner für die Bilder</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="96"/>
        <source>Video frames</source>
        <translation>Videobilder</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="98"/>
        <source>Frames written</source>
        <translation>Geschriebene Bilder</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="103"/>
        <source>The video file {} does not exist.</source>
        <translation>Die Videodatei {} existiert nicht.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="108"/>
        <source>FFmpeg cannot read the video {}: {}</source>
        <translation>FFmpeg kann das Video {} nicht lesen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="111"/>
        <source>No GPS track is given for the video. The plugin does not read the GPS data cameras record inside video files (GoPro GPMF, Insta360, DJI): export it as a GPX file (e.g. with the camera maker&apos;s app or gopro2gpx) and give that as the GPS track.</source>
        <translation>Für das Video ist kein GPS-Track angegeben. Das Plugin liest die GPS-Daten nicht, die Kameras in Videodateien aufzeichnen (GoPro GPMF, Insta360, DJI): Exportieren Sie sie als GPX-Datei (z. B. mit der App des Kameraherstellers oder gopro2gpx) und geben Sie diese als GPS-Track an.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="121"/>
        <source>Video: {}×{}, {:.1f} s, {:.2f} frames/s, {}; starts at {} UTC on the GPS clock ({} UTC on the camera clock, {:+.1f} s offset).</source>
        <translation>Video: {}×{}, {:.1f} s, {:.2f} Bilder/s, {}; beginnt um {} UTC nach GPS-Uhr ({} UTC nach Kamerauhr, Versatz {:+.1f} s).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="121"/>
        <source>flat</source>
        <translation>flach</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="133"/>
        <source>The video ({} to {} UTC on the GPS clock) and the track ({} to {}) do not overlap in time. Check the time offset, the video&apos;s start and that the track belongs to the video.</source>
        <translation>Video ({} bis {} UTC nach GPS-Uhr) und Track ({} bis {}) überschneiden sich zeitlich nicht. Prüfen Sie den Zeitversatz, den Beginn des Videos und ob der Track zum Video gehört.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="138"/>
        <source>The track does not move during the video: no frames to take.</source>
        <translation>Der Track bewegt sich während des Videos nicht: keine Bilder zu entnehmen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="142"/>
        <source>Decoding {} frame(s), one every {:.1f} m, into {}.</source>
        <translation>Dekodiere {} Bild(er), eines alle {:.1f} m, nach {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="151"/>
        <source>FFmpeg failed on the video {}: {}</source>
        <translation>FFmpeg ist am Video {} gescheitert: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="153"/>
        <source>The frames cannot be written to {}: {}</source>
        <translation>Die Bilder können nicht nach {} geschrieben werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="174"/>
        <source>Wrote {} frame(s) to {}.</source>
        <translation>{} Bild(er) nach {} geschrieben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="184"/>
        <source>The path set for {} ({}) is not a program.</source>
        <translation>Der für {} eingestellte Pfad ({}) ist kein Programm.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="187"/>
        <source>{} is not found on the PATH.</source>
        <translation>{} wurde im PATH nicht gefunden.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="188"/>
        <source>Reading videos needs FFmpeg's programs ffmpeg and ffprobe, which QGIS's installers do not include. Install FFmpeg ({}; on Debian or Ubuntu: sudo apt install ffmpeg; on macOS: brew install ffmpeg), then put its bin folder on the PATH or set both programs in Settings ▸ Options ▸ KartaView.</source>
        <translation>Zum Lesen von Videos braucht es die FFmpeg-Programme ffmpeg und ffprobe, die die QGIS-Installer nicht enthalten. Installieren Sie FFmpeg ({}; unter Debian oder Ubuntu: sudo apt install ffmpeg; unter macOS: brew install ffmpeg) und legen Sie dann seinen bin-Ordner in den PATH oder stellen Sie beide Programme unter Einstellungen ▸ Optionen ▸ KartaView ein.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="200"/>
        <source>The video start &apos;{}&apos; is not a date and time (e.g. 2026-05-01T10:00:00Z).</source>
        <translation>Der Videobeginn „{}“ ist kein Datum mit Uhrzeit (z. B. 2026-05-01T10:00:00Z).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/sample_video.py" line="204"/>
        <source>The video has no creation time: give the start of the video (UTC on the camera clock).</source>
        <translation>Das Video hat keine Erstellungszeit: Geben Sie den Beginn des Videos an (UTC nach Kamerauhr).</translation>
    </message>
</context>
<context>
    <name>SignInComponent</name>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="167"/>
        <source>Sign in to KartaView…</source>
        <translation>Bei KartaView anmelden…</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="176"/>
        <source>Could not open the sign-in dialog: {}</source>
        <translation>Der Anmeldedialog konnte nicht geöffnet werden: {}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="14"/>
        <source>Sign in to KartaView</source>
        <translation>Bei KartaView anmelden</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="29"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="42"/>
        <source>With OpenStreetMap</source>
        <translation>Mit OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="61"/>
        <source>1. Open the OpenStreetMap sign-in page</source>
        <translation>1. Öffnen Sie die Anmeldeseite von OpenStreetMap</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="68"/>
        <source>2. Authorize the application, then paste the code it shows:</source>
        <translation>2. Autorisieren Sie die Anwendung und fügen Sie dann den angezeigten Code ein:</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="81"/>
        <source>OpenStreetMap application</source>
        <translation>OpenStreetMap-Anwendung</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="87"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="97"/>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="107"/>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="125"/>
        <source>With an access token</source>
        <translation>Mit einem Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="131"/>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="145"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="42"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="56"/>
        <source>(unknown user)</source>
        <translation>(unbekannter Benutzer)</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="89"/>
        <source>Signed in as {}.</source>
        <translation>Angemeldet als {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="59"/>
        <source>Not signed in.</source>
        <translation>Nicht angemeldet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="70"/>
        <source>Enter the client id of your OpenStreetMap application first.</source>
        <translation>Geben Sie zuerst die Client-ID Ihrer OpenStreetMap-Anwendung ein.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="74"/>
        <source>Authorize the application in the browser, then paste the code here.</source>
        <translation>Autorisieren Sie die Anwendung im Browser und fügen Sie dann den Code hier ein.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="77"/>
        <source>Could not open the sign-in page: {}</source>
        <translation>Die Anmeldeseite konnte nicht geöffnet werden: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="88"/>
        <source>Signed in to KartaView as {}.</source>
        <translation>Bei KartaView angemeldet als {}.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="98"/>
        <source>Signing in failed: {}</source>
        <translation>Anmeldung fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="106"/>
        <source>Paste your KartaView access token.</source>
        <translation>Fügen Sie Ihr KartaView-Zugriffstoken ein.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="145"/>
        <source>KartaView account</source>
        <translation>KartaView-Konto</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="127"/>
        <source>Open the OpenStreetMap sign-in page first (step 1).</source>
        <translation>Öffnen Sie zuerst die Anmeldeseite von OpenStreetMap (Schritt 1).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="130"/>
        <source>Paste the code OpenStreetMap showed (step 2).</source>
        <translation>Fügen Sie den Code ein, den OpenStreetMap angezeigt hat (Schritt 2).</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="150"/>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="153"/>
        <source>Could not sign out: {}</source>
        <translation>Abmelden fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="48"/>
        <source>This needs an OpenStreetMap OAuth 2 application of your own: on openstreetmap.org, My Settings ▸ OAuth 2 applications ▸ Register new application, with the redirect URI urn:ietf:wg:oauth:2.0:oob and the permission &quot;Read user preferences&quot;. Enter its client id below (and its client secret, unless you registered it as a public application). Without one, use the &quot;With an access token&quot; tab.</source>
        <translation>Dazu brauchen Sie eine eigene OpenStreetMap-OAuth-2-Anwendung: auf openstreetmap.org unter Meine Einstellungen ▸ OAuth-2-Anwendungen ▸ Neue Anwendung registrieren, mit der Weiterleitungs-URI urn:ietf:wg:oauth:2.0:oob und der Berechtigung „Benutzereinstellungen lesen“. Tragen Sie unten ihre Client-ID ein (und ihr Client-Geheimnis, sofern Sie sie nicht als öffentliche Anwendung registriert haben). Ohne eine solche Anwendung verwenden Sie den Reiter „Mit einem Zugriffstoken“.</translation>
    </message>
    <message>
        <location filename="../ui/sign_in_dialog.ui" line="152"/>
        <source>Optional: only when KartaView does not tell it</source>
        <translation>Optional: nur wenn KartaView ihn nicht nennt</translation>
    </message>
    <message>
        <location filename="../plugin/gui/sign_in_dialog.py" line="114"/>
        <source>KartaView did not accept this access token. Copy it again, whole, or sign in with OpenStreetMap.</source>
        <translation>KartaView hat dieses Zugriffstoken nicht akzeptiert. Kopieren Sie es erneut und vollständig, oder melden Sie sich mit OpenStreetMap an.</translation>
    </message>
</context>
<context>
    <name>SubsetFilter</name>
    <message>
        <location filename="../plugin/provider/subset.py" line="42"/>
        <source>no field named {}; the fields are {}</source>
        <translation>kein Feld namens {}; die Felder sind {}</translation>
    </message>
</context>
<context>
    <name>UploadMessages</name>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="16"/>
        <source>The upload journal {path} is empty (0 bytes): its record of the photos already uploaded is lost. Nothing was uploaded, so that no photo is uploaded twice. Restore the file from a backup if you have one. Otherwise move it aside and run again: a new journal is started, and photos uploaded before may be stored on KartaView a second time.</source>
        <translation>Das Upload-Journal {path} ist leer (0 Bytes): Die Aufzeichnung der bereits hochgeladenen Fotos ist verloren. Es wurde nichts hochgeladen, damit kein Foto doppelt hochgeladen wird. Stellen Sie die Datei aus einer Sicherung wieder her, falls vorhanden. Andernfalls verschieben Sie sie und starten Sie erneut: Ein neues Journal wird angelegt, und zuvor hochgeladene Fotos werden auf KartaView womöglich ein zweites Mal gespeichert.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="21"/>
        <source>The upload journal {path} is damaged ({detail}). Nothing was uploaded, so that no photo is uploaded twice. Restore the file from a backup if you have one. Otherwise move it aside and run again: a new journal is started, and photos uploaded before may be stored on KartaView a second time.</source>
        <translation>Das Upload-Journal {path} ist beschädigt ({detail}). Es wurde nichts hochgeladen, damit kein Foto doppelt hochgeladen wird. Stellen Sie die Datei aus einer Sicherung wieder her, falls vorhanden. Andernfalls verschieben Sie sie und starten Sie erneut: Ein neues Journal wird angelegt, und zuvor hochgeladene Fotos werden auf KartaView womöglich ein zweites Mal gespeichert.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="25"/>
        <source>The upload journal {path} cannot be written ({detail}). Make the file and its folder writable, or set the environment variable KARTAVIEW_UPLOAD_JOURNAL to a file in a writable folder, then run again.</source>
        <translation>Das Upload-Journal {path} kann nicht geschrieben werden ({detail}). Machen Sie die Datei und ihren Ordner beschreibbar oder setzen Sie die Umgebungsvariable KARTAVIEW_UPLOAD_JOURNAL auf eine Datei in einem beschreibbaren Ordner und starten Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="29"/>
        <source>The disk of the upload journal {path} is full ({detail}). Free some space, then run the algorithm again on the same photos: it continues where this run stopped.</source>
        <translation>Der Datenträger des Upload-Journals {path} ist voll ({detail}). Geben Sie Speicherplatz frei und starten Sie den Algorithmus erneut mit denselben Fotos: Er setzt dort fort, wo dieser Lauf angehalten hat.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="32"/>
        <source>The upload journal {path} is locked by another program ({detail}). Close it, then run again.</source>
        <translation>Das Upload-Journal {path} ist von einem anderen Programm gesperrt ({detail}). Schließen Sie es und starten Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="34"/>
        <source>The upload journal {path} was written by a newer version of the plugin. Update the plugin.</source>
        <translation>Das Upload-Journal {path} wurde von einer neueren Version des Plugins geschrieben. Aktualisieren Sie das Plugin.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="37"/>
        <source>The upload journal {path} could not be used ({detail}).</source>
        <translation>Das Upload-Journal {path} konnte nicht verwendet werden ({detail}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="43"/>
        <source>{} photo(s) of sequence {} are being uploaded by another run started at {} (process {} on {}); waiting for it, so that no photo is uploaded twice.</source>
        <translation>{} Foto(s) der Sequenz {} werden gerade von einem anderen Lauf hochgeladen, gestartet um {} (Prozess {} auf {}); es wird darauf gewartet, damit kein Foto doppelt hochgeladen wird.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="47"/>
        <source>Sequence {} ({}) is not finished: {}. Run the algorithm again on the same photos to complete it.</source>
        <translation>Sequenz {} ({}) ist nicht abgeschlossen: {}. Führen Sie den Algorithmus erneut mit denselben Fotos aus, um sie zu vervollständigen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="50"/>
        <source>Created sequence {} on KartaView: {}</source>
        <translation>Sequenz {} auf KartaView angelegt: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="51"/>
        <source>Created sequence {} on KartaView: {} (an earlier run was interrupted while creating it and may have left an empty sequence)</source>
        <translation>Sequenz {} auf KartaView angelegt: {} (ein früherer Lauf wurde beim Anlegen unterbrochen und hat möglicherweise eine leere Sequenz hinterlassen)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="54"/>
        <source>Finished sequence {}: {}</source>
        <translation>Sequenz {} abgeschlossen: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="60"/>
        <source>No photo file is given.</source>
        <translation>Es ist keine Fotodatei angegeben.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="61"/>
        <source>The photo file does not exist or cannot be read ({}).</source>
        <translation>Die Fotodatei existiert nicht oder kann nicht gelesen werden ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="62"/>
        <source>Not a JPEG file ({}).</source>
        <translation>Keine JPEG-Datei ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="63"/>
        <source>Corrupt JPEG file: {}.</source>
        <translation>Beschädigte JPEG-Datei: {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="64"/>
        <source>The file is larger than KartaView&apos;s limit of 20 MB ({}).</source>
        <translation>Die Datei ist größer als die KartaView-Grenze von 20 MB ({}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="65"/>
        <source>No position: the geometry is empty or at 0,0.</source>
        <translation>Keine Position: Die Geometrie ist leer oder liegt bei 0,0.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="66"/>
        <source>No capture time in the field &apos;{}&apos;.</source>
        <translation>Keine Aufnahmezeit im Feld „{}“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="67"/>
        <source>The same file is selected twice (also feature {}).</source>
        <translation>Dieselbe Datei ist doppelt ausgewählt (auch Objekt {}).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="68"/>
        <source>A copy of the photo of feature {} (the same file contents).</source>
        <translation>Eine Kopie des Fotos von Objekt {} (gleicher Dateiinhalt).</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="69"/>
        <source>Near-duplicate of feature {} (within 0.5 m and 5°); keep near-duplicates to upload it.</source>
        <translation>Beinahe-Duplikat von Objekt {} (innerhalb von 0,5 m und 5°); behalten Sie Beinahe-Duplikate, um es hochzuladen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="71"/>
        <source>Uploaded by an earlier run.</source>
        <translation>Bei einem früheren Lauf hochgeladen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="72"/>
        <source>Uploaded by another run at the same time.</source>
        <translation>Von einem gleichzeitig laufenden anderen Lauf hochgeladen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="73"/>
        <source>Not sent: the upload journal could not be written ({}). Run the algorithm again once that is fixed.</source>
        <translation>Nicht gesendet: Das Upload-Journal konnte nicht geschrieben werden ({}). Starten Sie den Algorithmus erneut, sobald das behoben ist.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="75"/>
        <source>On KartaView, but the upload journal could not record it ({}); a later run sends it again and KartaView answers it is a duplicate.</source>
        <translation>Auf KartaView, aber das Upload-Journal konnte es nicht festhalten ({}); ein späterer Lauf sendet es erneut, und KartaView antwortet, dass es ein Duplikat ist.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="78"/>
        <source>KartaView already had this photo.</source>
        <translation>KartaView hatte dieses Foto bereits.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="79"/>
        <source>KartaView did not accept the access token: sign in again.</source>
        <translation>KartaView hat das Zugriffstoken nicht akzeptiert: Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="80"/>
        <source>KartaView rejected the photo: {}</source>
        <translation>KartaView hat das Foto abgelehnt: {}</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="81"/>
        <source>Not confirmed after several attempts ({}). Run the algorithm again to retry.</source>
        <translation>Nach mehreren Versuchen nicht bestätigt ({}). Führen Sie den Algorithmus erneut aus, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="83"/>
        <source>The file could not be read ({}). Run the algorithm again once it is back.</source>
        <translation>Die Datei konnte nicht gelesen werden ({}). Führen Sie den Algorithmus erneut aus, sobald sie wieder verfügbar ist.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="85"/>
        <source>Its sequence could not be created ({}). Run the algorithm again to retry.</source>
        <translation>Die zugehörige Sequenz konnte nicht angelegt werden ({}). Führen Sie den Algorithmus erneut aus, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_messages.py" line="87"/>
        <source>Cancelled before KartaView confirmed it. Run the algorithm again to continue.</source>
        <translation>Abgebrochen, bevor KartaView es bestätigt hat. Führen Sie den Algorithmus erneut aus, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>UploadPhotosAlgorithm</name>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="92"/>
        <source>Upload photos to KartaView</source>
        <translation>Fotos zu KartaView hochladen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="124"/>
        <source>Photos (point layer)</source>
        <translation>Fotos (Punktlayer)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="128"/>
        <source>Photo file field</source>
        <translation>Feld mit der Fotodatei</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="131"/>
        <source>Capture time field</source>
        <translation>Feld mit der Aufnahmezeit</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="133"/>
        <source>Heading field</source>
        <translation>Feld mit der Blickrichtung</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="136"/>
        <source>Grouping field (one sequence per value)</source>
        <translation>Gruppierungsfeld (eine Sequenz pro Wert)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="144"/>
        <source>Maximum time gap within a sequence (seconds)</source>
        <translation>Maximale Zeitlücke innerhalb einer Sequenz (Sekunden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="148"/>
        <source>Maximum distance gap within a sequence (meters)</source>
        <translation>Maximale Abstandslücke innerhalb einer Sequenz (Meter)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="152"/>
        <source>Maximum photos per sequence</source>
        <translation>Maximale Anzahl Fotos pro Sequenz</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="155"/>
        <source>Keep near-duplicate photos</source>
        <translation>Beinahe-Duplikate behalten</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="157"/>
        <source>Dry run (check and plan, send nothing)</source>
        <translation>Probelauf (prüfen und planen, nichts senden)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="161"/>
        <source>Parallel uploads</source>
        <translation>Gleichzeitige Uploads</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="168"/>
        <source>KartaView account (authentication configuration)</source>
        <translation>KartaView-Konto (Authentifizierungskonfiguration)</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="360"/>
        <source>Upload report</source>
        <translation>Upload-Bericht</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos uploaded</source>
        <translation>Hochgeladene Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos already uploaded</source>
        <translation>Bereits hochgeladene Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos skipped</source>
        <translation>Übersprungene Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos failed</source>
        <translation>Fehlgeschlagene Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="190"/>
        <source>There are no photos to upload: the layer is empty or no feature is selected.</source>
        <translation>Keine Fotos zum Hochladen: Der Layer ist leer oder es ist kein Objekt ausgewählt.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="198"/>
        <source>Not signed in to KartaView. Sign in (Web ▸ KartaView ▸ Sign in), choose an authentication configuration, or set the environment variable KARTAVIEW_ACCESS_TOKEN.</source>
        <translation>Nicht bei KartaView angemeldet. Melden Sie sich an (Web ▸ KartaView ▸ Anmelden), wählen Sie eine Authentifizierungskonfiguration oder setzen Sie die Umgebungsvariable KARTAVIEW_ACCESS_TOKEN.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="217"/>
        <source>To upload: {} photo(s) in {} sequence(s). Skipped: {}.</source>
        <translation>Hochzuladen: {} Foto(s) in {} Sequenz(en). Übersprungen: {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="283"/>
        <source>The input layer has no field &apos;{}&apos;.</source>
        <translation>Der Eingabelayer hat kein Feld „{}“.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="297"/>
        <source>Dry run: would be photo {} of new sequence {}.</source>
        <translation>Probelauf: wäre Foto {} der neuen Sequenz {}.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="323"/>
        <source>KartaView did not accept the access token. Sign in again to KartaView, then run the algorithm again.</source>
        <translation>KartaView hat das Zugriffstoken nicht akzeptiert. Melden Sie sich erneut bei KartaView an und führen Sie den Algorithmus dann erneut aus.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="334"/>
        <source>Photos that could not be uploaded: {}. See the report for the reasons and run the algorithm again on the same photos to retry.</source>
        <translation>Nicht hochgeladene Fotos: {}. Die Gründe stehen im Bericht. Führen Sie den Algorithmus mit denselben Fotos erneut aus, um es noch einmal zu versuchen.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="326"/>
        <source>The upload stopped: {} The report lists each photo&apos;s state; the journal {} keeps what KartaView confirmed before.</source>
        <translation>Der Upload wurde angehalten: {} Der Bericht nennt den Zustand jedes Fotos; das Journal {} enthält, was KartaView zuvor bestätigt hat.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="95"/>
        <source>Uploads a point layer of geotagged photos (e.g. the output of &quot;Import geotagged photos&quot;) to KartaView. With &quot;Selected features only&quot; just the selection is uploaded.

Photos are ordered by capture time and split into sequences by the grouping field if given, else wherever consecutive photos are more than the maximum gap in time or distance apart, with at most the maximum number of photos per sequence. Consecutive photos within 0.5 m and 5° of each other are skipped as near-duplicates unless kept.

Every photo is recorded in an upload journal in the QGIS profile folder, so running the same input again after a failure, a cancel or a crash resumes the same sequences: nothing is sent twice once KartaView has confirmed it, and a sequence is finished only when all of its photos are confirmed.

Sign in first (Web ▸ KartaView ▸ Sign in), choose an authentication configuration, or, for headless runs, set the environment variable KARTAVIEW_ACCESS_TOKEN.

360° photos are uploaded as panoramas (projection SPHERE, field of view 360 and the yaw of GPano:PoseHeadingDegrees), so that KartaView shows them as 360°: a photo is 360° when its XMP says GPano:ProjectionType equirectangular, or, when it has no GPano projection, when it is exactly twice as wide as high (turn that guess off if you have flat 2:1 photos). A 'projection' field in the input (PLANE or SPHERE; other values are ignored) overrides both. 360° and flat photos go in separate sequences.

The report has one row per input photo with its status: uploaded, already uploaded, skipped (bad input or near-duplicate; the reason says which), failed (re-run to retry), or in a dry run 'would upload', and its projection.

Planned sequences: a line per sequence through its photos, with its photo count, 360° photos, length, time span and, once created, its KartaView id. Loaded into the project, the lines and the report's points are coloured by sequence (skipped photos by reason): run with &quot;Dry run&quot; to see the splits on the map and change the gaps before sending.</source>
        <translation>Lädt einen Punktlayer mit georeferenzierten Fotos (z. B. das Ergebnis von „Geotagged Fotos importieren“) zu KartaView hoch. Mit „Nur gewählte Objekte“ wird nur die Auswahl hochgeladen.

Die Fotos werden nach Aufnahmezeit sortiert und nach dem Gruppierungsfeld in Sequenzen aufgeteilt, falls angegeben, sonst überall dort, wo aufeinanderfolgende Fotos zeitlich oder räumlich weiter als die maximale Lücke auseinanderliegen, mit höchstens der maximalen Anzahl Fotos pro Sequenz. Aufeinanderfolgende Fotos, die weniger als 0,5 m und 5° voneinander abweichen, werden als Beinahe-Duplikate übersprungen, sofern sie nicht behalten werden sollen.

Jedes Foto wird in einem Upload-Journal im QGIS-Profilordner vermerkt. Wird dieselbe Eingabe nach einem Fehler, einem Abbruch oder einem Absturz erneut ausgeführt, werden dieselben Sequenzen fortgesetzt: Nichts wird doppelt gesendet, sobald KartaView es bestätigt hat, und eine Sequenz wird erst abgeschlossen, wenn alle ihre Fotos bestätigt sind.

Melden Sie sich zuerst an (Web ▸ KartaView ▸ Anmelden), wählen Sie eine Authentifizierungskonfiguration oder setzen Sie für Läufe ohne Oberfläche die Umgebungsvariable KARTAVIEW_ACCESS_TOKEN.

360°-Fotos werden als Panoramen hochgeladen (Projektion SPHERE, Sichtfeld 360 und die Gierung aus GPano:PoseHeadingDegrees), damit KartaView sie als 360° zeigt: Ein Foto ist ein 360°-Foto, wenn sein XMP GPano:ProjectionType equirectangular angibt oder, ohne GPano-Projektion, wenn es genau doppelt so breit wie hoch ist (schalten Sie diese Annahme ab, wenn Sie flache Fotos im Format 2:1 haben). Ein Feld „projection“ in der Eingabe (PLANE oder SPHERE; andere Werte werden ignoriert) hat Vorrang vor beidem. 360°-Fotos und flache Fotos kommen in getrennte Sequenzen.

Der Bericht enthält eine Zeile pro Eingabefoto mit seinem Status: hochgeladen, bereits hochgeladen, übersprungen (ungültige Eingabe oder Beinahe-Duplikat; der Grund sagt, welches), fehlgeschlagen (zum Wiederholen erneut ausführen) oder bei einem Probelauf „würde hochgeladen“, und seine Projektion.

Geplante Sequenzen: eine Linie pro Sequenz durch ihre Fotos, mit Anzahl der Fotos, der 360°-Fotos, Länge, Zeitspanne und, sobald erstellt, ihrer KartaView-ID. In das Projekt geladen, werden die Linien und die Punkte des Berichts nach Sequenz eingefärbt (übersprungene Fotos nach Grund): Führen Sie einen „Probelauf“ aus, um die Aufteilung auf der Karte zu sehen und die Lücken vor dem Senden zu ändern.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="142"/>
        <source>Photos twice as wide as high without GPano XMP are 360°</source>
        <translation>Fotos, die doppelt so breit wie hoch sind und kein GPano-XMP haben, sind 360°-Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="262"/>
        <source>Planned sequences</source>
        <translation>Geplante Sequenzen</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="176"/>
        <source>Photos sent (or to send) as 360°</source>
        <translation>Als 360° gesendete (oder zu sendende) Fotos</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="245"/>
        <source>360° panoramas (sent as SPHERE): {} photo(s); from GPano XMP: {}, from the 2:1 shape: {}, from the projection field: {}. The report's 'projection' field says which.</source>
        <translation>360°-Panoramen (als SPHERE gesendet): {} Foto(s); laut GPano-XMP: {}, laut 2:1-Format: {}, laut Projektionsfeld: {}. Das Feld „projection“ des Berichts sagt, welche.</translation>
    </message>
    <message>
        <location filename="../plugin/processing/upload_photos.py" line="139"/>
        <source>Projection field: PLANE or SPHERE, overriding what the photo says</source>
        <translation>Projektionsfeld: PLANE oder SPHERE, hat Vorrang vor den Angaben des Fotos</translation>
    </message>
</context>
</TS>
