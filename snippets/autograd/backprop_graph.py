import torch

torch.manual_seed(0)

x, y = torch.tensor(2.0), torch.tensor(4.0)
w = torch.tensor(1.0, requires_grad=True)
loss = (x * w - y) ** 2

node = loss.grad_fn
while node is not None:  # (1)!
    print(node.name())
    node = node.next_functions[0][0]

mul = loss.grad_fn.next_functions[0][0].next_functions[0][0]
print([type(f).__name__ for f, _ in mul.next_functions])  # (2)!
