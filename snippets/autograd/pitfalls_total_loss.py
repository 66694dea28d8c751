import weakref

import torch

torch.manual_seed(0)


class Saved:  # (1)!
    def __init__(self, t):
        self.t = t


def count_nodes(fn):  # (2)!
    seen, todo = set(), [fn]
    while todo:
        node = todo.pop()
        if node is not None and node not in seen:
            seen.add(node)
            todo.extend(next_fn for next_fn, _ in node.next_functions)
    return len(seen)


def run(call_backward):
    torch.manual_seed(0)
    w = torch.randn(100, requires_grad=True)
    boxes = []

    def pack(t):
        box = Saved(t)
        boxes.append(weakref.ref(box))
        return box

    total = 0
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda box: box.t):
        for step in range(1, 21):
            loss = torch.tanh(w * torch.randn(100)).sum() ** 2
            if call_backward:
                loss.backward()  # (3)!
            total += loss  # (4)!
            if step % 10 == 0:
                alive = sum(b().t.numel() for b in boxes if b() is not None)
                print(f"  step {step}: {count_nodes(total.grad_fn)} nodes, {alive} saved numbers alive")
    print(f"  total = {total.item():.2f}")


print("training loop, backward() every step:")
run(call_backward=True)
print("evaluation loop, no backward(), no no_grad():")
run(call_backward=False)
