"""The window: the only package that imports Qt.

It collects input, calls :mod:`reader.app` (on a worker when slow) and redraws.

- :mod:`~reader.ui.app` starts the application; :mod:`~reader.ui.main_window` builds
  the window, holds the state its panes share and wires them.
- The panes: :mod:`~reader.ui.library_pane` (the article list, filters, Trash, search),
  :mod:`~reader.ui.reader_pane` with :mod:`~reader.ui.reader_view` (the article),
  :mod:`~reader.ui.notes_pane` with :mod:`~reader.ui.notes_panel` and
  :mod:`~reader.ui.note_editor` (its notes).
- The actions: :mod:`~reader.ui.import_actions`, :mod:`~reader.ui.export_actions`, and
  :mod:`~reader.ui.menus`, which names every action and its shortcut.
- Edits go through :mod:`~reader.ui.undo`; models for the lists are in
  :mod:`~reader.ui.models`; dialogs in :mod:`~reader.ui.dialogs`; message boxes in
  :mod:`~reader.ui.messages` (a fault of the user is a calm warning, a bug the crash
  dialog with the log).

Threads: a worker runs a plain ``reader.app`` call with plain arguments and returns
plain data; Qt objects are created, touched and collected on the GUI thread only
(:mod:`~reader.ui.tasks`, :mod:`~reader.ui.progress`).
"""
