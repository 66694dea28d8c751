import torch

torch.manual_seed(0)

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.stack([x[0] * x[1], x[1] + x[2] ** 2])

rows = []
for e in torch.eye(2):  # (1)!
    (row,) = torch.autograd.grad(y, x, grad_outputs=e, retain_graph=True)  # (2)!
    rows.append(row)
print(torch.stack(rows))

(J,) = torch.autograd.grad(y, x, grad_outputs=torch.eye(2), is_grads_batched=True)  # (3)!
print("is_grads_batched, one call:", torch.equal(J, torch.stack(rows)))
