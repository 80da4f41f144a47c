//! One selectable list or table: its state (the selected row, the rows shown
//! in the last frame for PageUp/PageDown), the keys that move it, and its
//! look (reverse video and the marker, from
//! [`Selectable`](crate::tui::kit::theme::Selectable)). The screens keep
//! their rows; the list keeps where the operator is in them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Table, TableState};

use crate::tui::kit::keys::Action;
use crate::tui::kit::screen::Cmd;

/// Where the operator is in a list of rows drawn as a table.
#[derive(Debug, Default, Clone)]
pub struct ListState {
    state: TableState,
    /// Rows visible in the last frame, for PageUp/PageDown.
    page: usize,
}

impl ListState {
    /// A list with its first row selected when it has any.
    pub fn first_of(len: usize) -> ListState {
        let mut list = ListState::default();
        list.reset(len);
        list
    }

    /// The selected row, if any.
    pub fn selected(&self) -> Option<usize> {
        self.state.selected()
    }

    pub fn select(&mut self, index: Option<usize>) {
        self.state.select(index);
    }

    /// Back to the top: the first row selected when there is one.
    pub fn reset(&mut self, len: usize) {
        self.state = TableState::default();
        if len > 0 {
            self.state.select(Some(0));
        }
    }

    /// Keeps the selection within `len` rows: the same row, the last one
    /// when the list got shorter than it, the first when none was selected;
    /// none when the list is empty.
    pub fn keep_within(&mut self, len: usize) {
        let at = self.selected().unwrap_or(0).min(len.saturating_sub(1));
        self.select((len > 0).then_some(at));
    }

    /// The first row shown.
    pub fn offset(&self) -> usize {
        self.state.offset()
    }

    /// Shows from row `offset` on the next frame.
    pub fn set_offset(&mut self, offset: usize) {
        *self.state.offset_mut() = offset;
    }

    /// Rows visible in the last frame.
    pub fn page(&self) -> usize {
        self.page
    }

    /// Moves the selection by `delta` rows within `len`.
    pub fn move_by(&mut self, len: usize, delta: isize) {
        move_selection(&mut self.state, len, delta);
    }

    /// Up, Down, PageUp and PageDown move the selection within `len` rows;
    /// `false` for any other action.
    pub fn step(&mut self, action: Action, len: usize) -> bool {
        match action.list_step(self.page) {
            Some(delta) => {
                self.move_by(len, delta);
                true
            }
            None => false,
        }
    }

    /// Up, Down, PageUp, PageDown, Home, End and Esc (back) on a list of
    /// `len` rows; `None` for any other action.
    pub fn navigate(&mut self, action: Action, len: usize) -> Option<Cmd> {
        list_action(action, &mut self.state, len, self.page)
    }

    /// Remembers how many rows fit in `area` under `header` rows (also
    /// when the list is empty and not drawn).
    pub fn fit(&mut self, area: Rect, header: u16) {
        self.page = usize::from(area.height.saturating_sub(header));
    }

    /// Draws `table` in `area` with the selection, and remembers how many
    /// rows fit (`header` rows above them).
    pub fn render(&mut self, frame: &mut Frame, area: Rect, table: Table, header: u16) {
        self.fit(area, header);
        frame.render_stateful_widget(table, area, &mut self.state);
    }
}

/// Moves a table selection by `delta` rows within `len`.
pub fn move_selection(state: &mut TableState, len: usize, delta: isize) {
    if len == 0 {
        return;
    }
    let next = state
        .selected()
        .unwrap_or(0)
        .saturating_add_signed(delta)
        .min(len - 1);
    state.select(Some(next));
}

/// Up, Down, PageUp, PageDown, Home, End on a table of `len` rows.
pub fn list_action(action: Action, state: &mut TableState, len: usize, page: usize) -> Option<Cmd> {
    let delta = match (action.list_step(page), action) {
        (Some(delta), _) => delta,
        (None, Action::Home) => isize::MIN / 2,
        (None, Action::End) => isize::MAX / 2,
        (None, Action::Back) => return Some(Cmd::Back),
        _ => return None,
    };
    move_selection(state, len, delta);
    Some(Cmd::Redraw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_within_the_rows() {
        let mut list = ListState::first_of(3);
        assert_eq!(list.selected(), Some(0));
        assert!(list.step(Action::Up, 3));
        assert_eq!(list.selected(), Some(0));
        list.move_by(3, 10);
        assert_eq!(list.selected(), Some(2));
        assert!(!list.step(Action::Open, 3));
        assert!(matches!(list.navigate(Action::Home, 3), Some(Cmd::Redraw)));
        assert_eq!(list.selected(), Some(0));
        assert!(matches!(list.navigate(Action::End, 3), Some(Cmd::Redraw)));
        assert_eq!(list.selected(), Some(2));
        assert!(matches!(list.navigate(Action::Back, 3), Some(Cmd::Back)));
        let mut empty = ListState::first_of(0);
        empty.move_by(0, 1);
        assert_eq!(empty.selected(), None);
    }

    #[test]
    fn keep_within_clamps_the_selection_to_the_rows_left() {
        let mut list = ListState::first_of(10);
        list.select(Some(7));
        list.keep_within(10);
        assert_eq!(list.selected(), Some(7));
        list.keep_within(3);
        assert_eq!(list.selected(), Some(2));
        list.keep_within(0);
        assert_eq!(list.selected(), None);
        list.keep_within(4);
        assert_eq!(list.selected(), Some(0));
    }
}
