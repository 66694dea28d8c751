import torch
from torch import nn

torch.manual_seed(0)

rnn, head = nn.RNN(input_size=3, hidden_size=4, batch_first=True), nn.Linear(4, 1)
opt = torch.optim.SGD([*rnn.parameters(), *head.parameters()], lr=0.1)
chunks = torch.randn(3, 1, 5, 3)

h = torch.zeros(1, 1, 4)
for i, chunk in enumerate(chunks):
    out, h = rnn(chunk, h)
    loss = head(out).pow(2).mean()
    opt.zero_grad()
    loss.backward(retain_graph=True)
    opt.step()  # (1)!
    print(f"chunk {i}: loss {loss.item():.4f}")
